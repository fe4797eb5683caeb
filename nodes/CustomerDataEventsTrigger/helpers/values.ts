/**
 * Small pure helpers for reading events: values by field path, flat attributes for Intercom (which accepts only
 * text, numbers and true/false), times as ISO text, and a stable digest for events that carry no id of their own.
 */
import { createHash } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { isRecord } from '../../common/jsonValues';

/** The value at a dot-separated path (`traits.email`, `items.0.sku`); a key that itself holds dots is tried whole first. */
export function valueAt(event: IDataObject, path: string): unknown {
	const trimmed = path.trim();
	if (!trimmed) return undefined;
	if (trimmed in event) return event[trimmed];
	let current: unknown = event;
	for (const key of trimmed.split('.')) {
		if (isRecord(current)) current = current[key];
		else if (Array.isArray(current) && /^\d+$/.test(key)) current = current[Number(key)];
		else return undefined;
	}
	return current;
}

/** Text for an identifier: strings trimmed, numbers as digits; anything else (or empty) is none. */
export function textOf(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') return undefined;
	const trimmed = value.trim();
	return trimmed === '' ? undefined : trimmed;
}

/**
 * Flat name → value pairs: nested objects become `parent_child`, lists of plain values one comma-separated text,
 * lists holding objects their JSON. `keep` (names, after flattening) limits the result when given.
 */
export function flatten(values: unknown, keep: string[] = []): IDataObject {
	const flat: IDataObject = {};
	const visit = (value: unknown, name: string) => {
		if (value === undefined) return;
		if (isRecord(value)) {
			for (const [key, inner] of Object.entries(value)) visit(inner, name ? `${name}_${key}` : key);
		} else if (Array.isArray(value)) {
			flat[name] = value.every((entry) => entry === null || typeof entry !== 'object') ? value.join(', ') : JSON.stringify(value);
		} else {
			flat[name] = value as string | number | boolean | null;
		}
	};
	if (isRecord(values)) visit(values, '');
	if (keep.length === 0) return flat;
	return Object.fromEntries(Object.entries(flat).filter(([name]) => keep.includes(name)));
}

/** Names from a comma-separated option, e.g. "plan, member_type". */
export function namesList(option: unknown): string[] {
	return typeof option === 'string' ? option.split(',').map((name) => name.trim()).filter(Boolean) : [];
}

/** ISO 8601 text for a time given as ISO text, Unix seconds or Unix milliseconds; null when there is none or it is not a time. */
export function isoTime(value: unknown): string | null {
	let ms: number | undefined;
	if (typeof value === 'number' && Number.isFinite(value)) ms = value > 1e12 ? value : value * 1000;
	else if (typeof value === 'string' && value.trim() !== '') {
		const text = value.trim();
		ms = /^\d+(\.\d+)?$/.test(text) ? (Number(text) > 1e12 ? Number(text) : Number(text) * 1000) : Date.parse(text);
	}
	if (ms === undefined || Number.isNaN(ms)) return null;
	const date = new Date(ms);
	return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** JSON with object keys sorted at every level, so one event re-sent with its keys in another order digests the same. */
function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (isRecord(value)) {
		const keys = Object.keys(value).filter((key) => value[key] !== undefined).sort();
		return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

/** A stable id for an event without one: SHA-256 of its canonical JSON. */
export function eventDigest(event: IDataObject): string {
	return createHash('sha256').update(canonicalJson(event)).digest('hex');
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export const isEmail = (value: string) => EMAIL.test(value);
