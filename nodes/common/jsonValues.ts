import type { IDataObject } from 'n8n-workflow';

/** A JSON object (not an array, not null). Parsed JSON holds only JSON values, so it is an IDataObject. */
export function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
