/**
 * Checks requests (and, for the fake's own honesty, its responses) against the contract with ajv.
 * Validators are compiled on first use and cached for the life of the process.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

import { type LoadedSpec, type SpecOperation, SPEC_ROOT_ID } from './spec';

export type ViolationKind = 'route' | 'auth' | 'header' | 'params' | 'body';

export interface Violation {
	kind: ViolationKind;
	problems: string[];
}

/**
 * Places where the published contract contradicts Intercom's real behaviour and its own SDK. Each entry
 * replaces one parameter schema; keep the list short and say why.
 */
const PARAMETER_ERRATA: Record<string, Record<string, object>> = {
	// Typed integer here only; contact ids are 24-hex strings everywhere else and intercom-client sends them.
	'POST /contacts/{contact_id}/notes': { contact_id: { type: 'string' } },
};

const MAX_PROBLEMS = 8;

interface CompiledOperation {
	params: ValidateFunction;
	body?: ValidateFunction;
	responses: Map<string, ValidateFunction>;
}

function newAjv(spec: LoadedSpec, coerceTypes: boolean, forResponses = false): Ajv {
	const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes, validateSchema: false });
	addFormats(ajv);
	// Intercom (and the contract's own examples) answer with relative `url`s such as `/contacts/1/tags`.
	if (forResponses) ajv.addFormat('uri', addFormats.get('uri-reference'));
	// Formats OpenAPI documents use loosely (e.g. `timestamp` on integers) carry no rule of their own.
	for (const format of spec.formats) {
		if (!ajv.formats[format]) ajv.addFormat(format, true);
	}
	ajv.addSchema({ ...spec.document, $id: SPEC_ROOT_ID });
	return ajv;
}

export function formatAjvErrors(errors: ErrorObject[] | null | undefined, root: string): string[] {
	const problems = (errors ?? []).map((error) => {
		const where = `${root}${error.instancePath}`;
		const detail =
			error.keyword === 'enum'
				? `${error.message}: ${JSON.stringify((error.params as { allowedValues: unknown[] }).allowedValues)}`
				: error.message;
		return `${where} ${detail}`;
	});
	const unique = [...new Set(problems)];
	return unique.length > MAX_PROBLEMS
		? [...unique.slice(0, MAX_PROBLEMS), `…and ${unique.length - MAX_PROBLEMS} more`]
		: unique;
}

export class ContractValidator {
	private readonly bodyAjv: Ajv;
	private readonly paramAjv: Ajv;
	private readonly responseAjv: Ajv;
	private readonly compiled = new Map<SpecOperation, CompiledOperation>();

	constructor(readonly spec: LoadedSpec) {
		this.bodyAjv = newAjv(spec, false);
		this.paramAjv = newAjv(spec, true);
		this.responseAjv = newAjv(spec, false, true);
	}

	private compile(operation: SpecOperation): CompiledOperation {
		const cached = this.compiled.get(operation);
		if (cached) return cached;
		const errata = PARAMETER_ERRATA[`${operation.method} ${operation.template}`] ?? {};
		const groups: Record<string, { type: 'object'; properties: Record<string, object>; required: string[] }> = {};
		for (const param of operation.parameters) {
			const group = (groups[param.in] ??= { type: 'object', properties: {}, required: [] });
			// Header names arrive lower-cased from node:http.
			const name = param.in === 'header' ? param.name.toLowerCase() : param.name;
			group.properties[name] = errata[param.name] ?? (param.schemaRef ? { $ref: param.schemaRef } : {});
			if (param.required) group.required.push(name);
		}
		const entry: CompiledOperation = {
			params: this.paramAjv.compile({ type: 'object', properties: groups }),
			body: operation.bodySchemaRef ? this.bodyAjv.compile({ $ref: operation.bodySchemaRef }) : undefined,
			responses: new Map(),
		};
		this.compiled.set(operation, entry);
		return entry;
	}

	/** Path, query and header parameters, coerced from strings as OpenAPI intends. */
	checkParameters(
		operation: SpecOperation,
		values: { path: Record<string, string>; query: Record<string, string>; header: Record<string, string> },
	): Violation | undefined {
		const { params } = this.compile(operation);
		const data = { path: { ...values.path }, query: { ...values.query }, header: { ...values.header } };
		if (params(data)) return undefined;
		const kind = (params.errors ?? []).every((e) => e.instancePath.startsWith('/header')) ? 'header' : 'params';
		return { kind, problems: formatAjvErrors(params.errors, 'parameters') };
	}

	/** The JSON body (already parsed; `undefined` when the request had none). */
	checkBody(operation: SpecOperation, body: unknown): Violation | undefined {
		const { body: validate } = this.compile(operation);
		if (body === undefined) {
			// An optional body may be left out only when an empty one would do (e.g. no required fields).
			const required = operation.bodyRequired || (validate !== undefined && !validate({}));
			return required ? { kind: 'body', problems: ['The contract requires a JSON request body'] } : undefined;
		}
		if (!validate) {
			return { kind: 'body', problems: ['The contract defines no request body for this operation'] };
		}
		return validate(body) ? undefined : { kind: 'body', problems: formatAjvErrors(validate.errors, 'body') };
	}

	/** Problems with an object that should have the shape of the named schema (`#/components/schemas/<name>`). */
	checkSchema(name: string, value: unknown): string[] {
		const validate = this.responseAjv.getSchema(`${SPEC_ROOT_ID}#/components/schemas/${name}`);
		if (!validate) return [`The contract has no schema named "${name}"`];
		return validate(value) ? [] : formatAjvErrors(validate.errors, name);
	}

	/** Problems with a response the fake produced, when the contract documents that status. */
	checkResponse(operation: SpecOperation, status: number, body: unknown): string[] {
		const ref = operation.responseSchemaRefs[String(status)];
		if (!ref || body === undefined) return [];
		const { responses } = this.compile(operation);
		let validate = responses.get(ref);
		if (!validate) {
			validate = this.responseAjv.compile({ $ref: ref });
			responses.set(ref, validate);
		}
		return validate(body) ? [] : formatAjvErrors(validate.errors, 'response');
	}
}

const validators = new Map<LoadedSpec, ContractValidator>();

export function validatorFor(spec: LoadedSpec): ContractValidator {
	let validator = validators.get(spec);
	if (!validator) {
		validator = new ContractValidator(spec);
		validators.set(spec, validator);
	}
	return validator;
}
