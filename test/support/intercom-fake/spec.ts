/**
 * Loads Intercom's OpenAPI 3.0 description (vendored under test/fixtures, with its licence), turns its
 * schemas into plain JSON Schema for ajv, and builds the route table the fake matches requests against.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

import { fixturePath } from '../fixtures';

/** Intercom's published 2.14 contract, vendored in test/fixtures/intercom-openapi. */
export const DEFAULT_SPEC_PATH = fixturePath('intercom-openapi', 'api.intercom.io.2.14.yaml');

export const SPEC_ROOT_ID = 'intercom-openapi';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
/** OpenAPI 3.0 schema keywords that JSON Schema does not know or that only annotate. */
const DROPPED_KEYWORDS = new Set([
	'example',
	'examples',
	'nullable',
	'discriminator',
	'xml',
	'externalDocs',
	'deprecated',
	'readOnly',
	'writeOnly',
]);
/** Keywords whose value is a map from names to schemas (so the names themselves are never dropped). */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', 'schemas']);

export interface SpecParameter {
	name: string;
	in: 'path' | 'query' | 'header' | 'cookie';
	required: boolean;
	/** JSON pointer into the converted document, for ajv. */
	schemaRef?: string;
}

export interface SpecOperation {
	method: string;
	/** Path template as written in the contract, e.g. `/contacts/{contact_id}`. */
	template: string;
	operationId: string;
	parameters: SpecParameter[];
	bodySchemaRef?: string;
	bodyRequired: boolean;
	/** Status code → schema pointer of the JSON response, where the contract gives one. */
	responseSchemaRefs: Record<string, string>;
	pattern: RegExp;
	pathParamNames: string[];
	/** Literal segments count higher so `/contacts/search` beats `/contacts/{contact_id}`. */
	specificity: number;
}

export interface LoadedSpec {
	document: Record<string, unknown>;
	operations: SpecOperation[];
	formats: Set<string>;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function escapePointer(segment: string): string {
	return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Rewrites one OpenAPI 3.0 schema node into JSON Schema (draft-07 as ajv reads it). */
function convertSchema(node: Json, formats: Set<string>): Json {
	if (Array.isArray(node)) return node.map((child) => convertSchema(child, formats));
	if (node === null || typeof node !== 'object') return node;
	const out: Record<string, Json> = {};
	for (const [key, value] of Object.entries(node)) {
		if (DROPPED_KEYWORDS.has(key) || key.startsWith('x-')) continue;
		if (key === '$ref' && typeof value === 'string') {
			out.$ref = value.startsWith('#') ? `${SPEC_ROOT_ID}${value}` : value;
		} else if (SCHEMA_MAPS.has(key) && value && typeof value === 'object' && !Array.isArray(value)) {
			out[key] = Object.fromEntries(
				Object.entries(value).map(([name, child]) => [name, convertSchema(child, formats)]),
			);
		} else {
			out[key] = convertSchema(value, formats);
		}
	}
	if (typeof out.format === 'string') formats.add(out.format);
	return node.nullable === true ? allowNull(out) : out;
}

function allowNull(schema: Record<string, Json>): Json {
	if (typeof schema.type === 'string' && !schema.$ref) {
		const widened: Record<string, Json> = { ...schema, type: [schema.type, 'null'] };
		if (Array.isArray(schema.enum)) widened.enum = [...schema.enum, null];
		return widened;
	}
	return { anyOf: [schema, { type: 'null' }] };
}

function buildPattern(template: string): { pattern: RegExp; names: string[]; specificity: number } {
	const names: string[] = [];
	let specificity = 0;
	const source = template
		.split('/')
		.map((segment) => {
			const param = /^\{(.+)\}$/.exec(segment);
			if (param) {
				names.push(param[1]);
				return '([^/]+)';
			}
			specificity += 1;
			return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		})
		.join('/');
	return { pattern: new RegExp(`^${source}/?$`), names, specificity };
}

/** The few parts of an OpenAPI document the route table reads. */
interface RawParameter {
	$ref?: string;
	name: string;
	in: SpecParameter['in'];
	required?: boolean;
	schema?: unknown;
}

interface RawMedia {
	content?: Record<string, { schema?: unknown } | undefined>;
}

interface RawOperation {
	operationId?: string;
	parameters?: RawParameter[];
	requestBody?: RawMedia & { required?: boolean };
	responses?: Record<string, RawMedia | undefined>;
}

type RawPathItem = Partial<Record<string, RawOperation>> & { parameters?: RawParameter[] };

interface RawDocument {
	paths?: Record<string, RawPathItem>;
}

const jsonSchemaOf = (media: RawMedia | undefined) => media?.content?.['application/json']?.schema;

function collectParameters(document: RawDocument, item: RawPathItem, op: RawOperation, opPointer: string, itemPointer: string) {
	const parameters = new Map<string, SpecParameter>();
	const add = (list: RawParameter[] | undefined, pointer: string) =>
		(list ?? []).forEach((param, index) => {
			const resolved = param.$ref ? (resolvePointer(document, param.$ref) as RawParameter) : param;
			parameters.set(`${resolved.in}:${resolved.name}`, {
				name: resolved.name,
				in: resolved.in,
				required: resolved.required === true || resolved.in === 'path',
				schemaRef: resolved.schema ? `${SPEC_ROOT_ID}${param.$ref ?? `${pointer}/${index}`}/schema` : undefined,
			});
		});
	add(item.parameters, `${itemPointer}/parameters`);
	add(op.parameters, `${opPointer}/parameters`);
	return [...parameters.values()];
}

function collectOperations(document: RawDocument): SpecOperation[] {
	const operations: SpecOperation[] = [];
	for (const [template, item] of Object.entries(document.paths ?? {})) {
		const itemPointer = `#/paths/${escapePointer(template)}`;
		for (const method of HTTP_METHODS) {
			const op = item[method];
			if (!op) continue;
			const opPointer = `${itemPointer}/${method}`;
			const responseSchemaRefs: Record<string, string> = {};
			for (const [status, response] of Object.entries(op.responses ?? {})) {
				if (jsonSchemaOf(response)) {
					responseSchemaRefs[status] =
						`${SPEC_ROOT_ID}${opPointer}/responses/${status}/content/application~1json/schema`;
				}
			}
			const { pattern, names, specificity } = buildPattern(template);
			operations.push({
				method: method.toUpperCase(),
				template,
				operationId: op.operationId ?? `${method} ${template}`,
				parameters: collectParameters(document, item, op, opPointer, itemPointer),
				bodySchemaRef: jsonSchemaOf(op.requestBody)
					? `${SPEC_ROOT_ID}${opPointer}/requestBody/content/application~1json/schema`
					: undefined,
				bodyRequired: op.requestBody?.required === true,
				responseSchemaRefs,
				pattern,
				pathParamNames: names,
				specificity,
			});
		}
	}
	return operations.sort((a, b) => b.specificity - a.specificity);
}

/** The node a `#/…` (or `intercom-openapi#/…`) pointer names, if any. */
export function resolvePointer(document: unknown, ref: string): unknown {
	const pointer = ref.startsWith(SPEC_ROOT_ID) ? ref.slice(SPEC_ROOT_ID.length) : ref;
	return pointer
		.replace(/^#\/?/, '')
		.split('/')
		.filter(Boolean)
		.map((segment) => decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~'))
		.reduce<unknown>((node, segment) => (node as Record<string, unknown> | undefined)?.[segment], document);
}

const loaded = new Map<string, LoadedSpec>();

/** Parses and converts the contract once per process (one jest worker module registry). */
export function loadSpec(specPath: string): LoadedSpec {
	const cached = loaded.get(specPath);
	if (cached) return cached;
	const raw = parse(readFileSync(specPath, 'utf8'), { maxAliasCount: -1 }) as Record<string, Json>;
	const formats = new Set<string>();
	const document = convertSchema(raw, formats) as Record<string, unknown>;
	const spec: LoadedSpec = { document, operations: collectOperations(raw as RawDocument), formats };
	loaded.set(specPath, spec);
	return spec;
}

export interface RouteMatch {
	operation: SpecOperation;
	pathParams: Record<string, string>;
}

/** The most specific operation for this method and path, or why there is none. */
export function matchRoute(
	spec: LoadedSpec,
	method: string,
	pathname: string,
): RouteMatch | { error: string } {
	let pathKnown = false;
	for (const operation of spec.operations) {
		const match = operation.pattern.exec(pathname);
		if (!match) continue;
		pathKnown = true;
		if (operation.method !== method) continue;
		const pathParams: Record<string, string> = {};
		operation.pathParamNames.forEach((name, index) => {
			pathParams[name] = decodeURIComponent(match[index + 1]);
		});
		return { operation, pathParams };
	}
	return {
		error: pathKnown
			? `The contract has no ${method} operation for ${pathname}`
			: `The contract has no path matching ${pathname}`,
	};
}
