import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Name/value pairs a user enters twice over: as a list in the form and as a JSON object (for numbers and
 * true/false). Used for contact custom attributes, ticket attributes and event metadata.
 */
export interface AttributeFields {
	/** fixedCollection parameter and its entry name, e.g. `customAttributes` / `attribute`. */
	listName: string;
	entryName: string;
	jsonName: string;
	/** Plain words for messages, e.g. "Custom attributes". */
	label: string;
}

/**
 * From this node version on, the JSON field is one of the Options (added only when chosen) instead of a field
 * beside the list. Version 1 keeps its old place, so workflows saved with it still show and keep their JSON.
 */
export const JSON_UNDER_OPTIONS_VERSION = 1.1;

interface AttributeText {
	listDisplayName: string;
	jsonDisplayName: string;
	namePlaceholder: string;
	nameDescription?: string;
	listDescription?: string;
	jsonDescription: string;
}

/** The list for the main panel, and (version 1 only) the JSON field beside it; `listShownWhen` hides the list. */
export function attributeProperties(
	fields: AttributeFields,
	text: AttributeText,
	listShownWhen?: INodeProperties['displayOptions'],
): INodeProperties[] {
	return [
		{
			...(listShownWhen ? { displayOptions: listShownWhen } : {}),
			displayName: text.listDisplayName,
			name: fields.listName,
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: `Add ${fields.entryName === 'entry' ? 'Entry' : 'Attribute'}`,
			default: {},
			...(text.listDescription ? { description: text.listDescription } : {}),
			options: [
				{
					displayName: fields.entryName === 'entry' ? 'Entry' : 'Attribute',
					name: fields.entryName,
					values: [
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							placeholder: text.namePlaceholder,
							...(text.nameDescription ? { description: text.nameDescription } : {}),
						},
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					],
				},
			],
		},
		{
			...attributeJsonOption(fields, text, 'Combined with the list above; for the same name the list wins'),
			displayOptions: { show: { '@version': [{ _cnd: { lt: JSON_UNDER_OPTIONS_VERSION } }] } },
		},
	];
}

/** The JSON field as one of the node's Options (from JSON_UNDER_OPTIONS_VERSION on). */
export function attributeJsonOption(
	fields: AttributeFields,
	text: AttributeText,
	hint = `Combined with ${text.listDisplayName}; for the same name the list wins`,
): INodeProperties {
	return {
		displayName: text.jsonDisplayName,
		name: fields.jsonName,
		type: 'json',
		default: '{}',
		description: text.jsonDescription,
		hint,
		displayOptions: { show: { '@version': [{ _cnd: { gte: JSON_UNDER_OPTIONS_VERSION } }] } },
	};
}

/**
 * Parses a JSON field that must hold one object. Returns the object, or a sentence saying what is wrong.
 * n8n hands JSON parameters over either as text or, from an expression, already parsed.
 */
function parseJsonObject(raw: unknown): { value: IDataObject } | { problem: string } {
	let parsed: unknown = raw;
	if (typeof raw === 'string') {
		if (raw.trim() === '') return { value: {} };
		try {
			parsed = JSON.parse(raw);
		} catch (error) {
			return { problem: `is not valid JSON (${(error as Error).message})` };
		}
	}
	if (parsed === undefined || parsed === null) return { value: {} };
	if (typeof parsed !== 'object' || Array.isArray(parsed)) {
		return { problem: 'must be a JSON object such as {"member_number": "12345"}' };
	}
	return { value: parsed as IDataObject };
}

/** Names of the keys whose values are not flat (objects or arrays). */
export function nestedKeys(values: IDataObject): string[] {
	return Object.entries(values)
		.filter(([, value]) => value !== null && typeof value === 'object')
		.map(([key]) => key);
}

function listedValues(context: IExecuteFunctions, itemIndex: number, fields: AttributeFields): IDataObject {
	const values: IDataObject = {};
	const list = (context.getNodeParameter(fields.listName, itemIndex, {}) as IDataObject)?.[fields.entryName];
	for (const entry of Array.isArray(list) ? (list as IDataObject[]) : []) {
		const name = String(entry.name ?? '').trim();
		if (name) values[name] = entry.value ?? '';
	}
	return values;
}

/**
 * The JSON object first, the list on top of it; rejects nested values with a message naming them.
 * `instead` takes the list's place when the values come from elsewhere (the list is then not read).
 */
export function readAttributeMap(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: AttributeFields,
	instead?: IDataObject,
): IDataObject {
	const node = context.getNode();
	// Only one of the two JSON fields is shown for a node's version (see JSON_UNDER_OPTIONS_VERSION).
	const values: IDataObject = {};
	for (const path of [fields.jsonName, `options.${fields.jsonName}`]) {
		const json = parseJsonObject(context.getNodeParameter(path, itemIndex, '{}'));
		if ('problem' in json) throw new NodeOperationError(node, `${fields.label} (JSON) ${json.problem}`, { itemIndex });
		Object.assign(values, json.value);
	}
	Object.assign(values, instead ?? listedValues(context, itemIndex, fields));
	const nested = nestedKeys(values);
	if (nested.length > 0) {
		throw new NodeOperationError(node, `${fields.label} must be plain values; "${nested.join('", "')}" is nested`, {
			itemIndex,
			description: 'Use text, numbers or true/false, not objects or lists.',
		});
	}
	return values;
}

/** A trimmed text parameter that must not be empty. */
export function requiredText(context: IExecuteFunctions, name: string, itemIndex: number, whenEmpty: string): string {
	const value = String(context.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (!value) throw new NodeOperationError(context.getNode(), whenEmpty, { itemIndex });
	return value;
}

export function optionalText(context: IExecuteFunctions, name: string, itemIndex: number): string {
	return String(context.getNodeParameter(name, itemIndex, '') ?? '').trim();
}
