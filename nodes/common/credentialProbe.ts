/**
 * One authenticated GET for a credential test, and the words for what went wrong. n8n 2.41 tests a credential
 * when the user saves it and shows our message under the form, so every message names the field to change.
 * Plain `fetch`, as the Intercom SDK and supabase-js use: a test that passes means the nodes get through too.
 */
import type { INodeCredentialTestResult } from 'n8n-workflow';

import { isRecord } from './jsonValues';

/** Long enough for a slow API, short enough that saving a credential never seems to hang. */
export const PROBE_TIMEOUT_MS = 10_000;

export type UnreachableReason = 'dns' | 'refused' | 'timeout' | 'tls' | 'network';

export interface Answered {
	kind: 'answered';
	url: string;
	status: number;
	/** The body parsed as JSON, or undefined when it is not JSON. */
	json: unknown;
}

export interface Unreachable {
	kind: 'unreachable';
	url: string;
	reason: UnreachableReason;
	/** In plain words, e.g. "the connection was refused". */
	detail: string;
}

/** What one service makes of the answers to its probe. */
export interface ServiceProbe {
	service: string;
	/** What to check when the address is wrong, e.g. "check Region (or Custom Base URL)". */
	check: string;
	/** The message for a 2xx with this service's answer in it; undefined when the body is something else. */
	passed(json: unknown): string | undefined;
	/** The message for an answer this service gives a meaning of its own; undefined for the common wording. */
	explain(result: Answered): string | undefined;
}

export const failed = (message: string): INodeCredentialTestResult => ({ status: 'Error', message });

/** A credential field as trimmed text: pasted values often carry a stray space or newline. */
export function fieldText(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

/** An http(s) address without trailing slashes, or undefined when the text is not one. */
export function httpBaseUrl(text: string): string | undefined {
	const url = text.trim().replace(/\/+$/, '');
	return /^https?:\/\/\S+$/i.test(url) && URL.canParse(url) ? url : undefined;
}

export const hostOf = (url: string): string => new URL(url).host;

/** Sends the probe and turns whatever comes back into the result n8n shows under the form. */
export async function testByProbe(url: string, headers: Record<string, string>, how: ServiceProbe): Promise<INodeCredentialTestResult> {
	const result = await probe(url, headers);
	const { service, check } = how;
	if (result.kind === 'unreachable') return failed(`Could not reach ${service} at ${hostOf(url)} (${result.detail}) — ${check}`);
	if (result.status >= 200 && result.status < 300) {
		const message = how.passed(result.json);
		// A 2xx that is not the service's answer: the address points at some other server.
		return message ? { status: 'OK', message } : failed(`${hostOf(url)} answered, but not like ${service} — ${check}`);
	}
	return failed(how.explain(result) ?? commonStatusMessage(service, result, check));
}

/** Rate limits, server errors, and anything no service gives a meaning of its own. */
function commonStatusMessage(service: string, result: Answered, check: string): string {
	const { status } = result;
	if (status === 429) return `${service} is limiting requests right now (HTTP 429) — wait a minute, then save the credential again`;
	if (status >= 500) {
		return `${service} had a server error (${statusWithWords(result)}) — try again in a few minutes; if it stays, ${check}`;
	}
	return `${service} answered HTTP ${status}${saidIn(result)} for ${result.url} — ${check}`;
}

export async function probe(url: string, headers: Record<string, string>, timeoutMs = PROBE_TIMEOUT_MS): Promise<Answered | Unreachable> {
	try {
		// The body is read under the same deadline: a server that sends headers and then stalls is unreachable too.
		const response = await fetch(url, { method: 'GET', headers, signal: AbortSignal.timeout(timeoutMs) });
		const text = await response.text();
		return { kind: 'answered', url, status: response.status, json: parseJson(text) };
	} catch (error) {
		return { kind: 'unreachable', url, ...classifyFailure(error, timeoutMs) };
	}
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined; // HTML or plain text: the caller treats it as "not this service's API"
	}
}

const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|EPROTO$|HOSTNAME_MISMATCH$)/;

/** Why no HTTP answer came back, from what Node's fetch throws (the system error is its `cause`). */
export function classifyFailure(error: unknown, timeoutMs = PROBE_TIMEOUT_MS): { reason: UnreachableReason; detail: string } {
	// Duck-typed: the DOMException behind a timeout is not an instance of every realm's Error.
	const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
	if (name === 'TimeoutError' || name === 'AbortError') {
		return { reason: 'timeout', detail: `no answer within ${timeoutMs / 1000} seconds` };
	}
	const cause = (error as { cause?: { code?: unknown; message?: unknown; errors?: Array<{ code?: unknown }> } }).cause;
	// Several addresses for one name (IPv6 and IPv4) fail together as one AggregateError.
	const code = String(cause?.code ?? cause?.errors?.[0]?.code ?? '');
	if (code === 'ENOTFOUND') return { reason: 'dns', detail: 'no server has that name' };
	if (code === 'EAI_AGAIN') return { reason: 'dns', detail: 'the name could not be looked up (DNS)' };
	if (code === 'ECONNREFUSED') return { reason: 'refused', detail: 'the connection was refused' };
	if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return { reason: 'timeout', detail: 'the connection timed out' };
	if (TLS_CODE.test(code)) return { reason: 'tls', detail: `the secure connection failed: ${code}` };
	const words = typeof cause?.message === 'string' ? cause.message : typeof message === 'string' ? message : String(error);
	return { reason: 'network', detail: code ? `${code}: ${words}` : words };
}

/** The service's own words about a failure, from the usual JSON error shapes, kept short. */
export function remoteWords(json: unknown): string {
	if (!isRecord(json)) return '';
	const errors = json.errors;
	const first = Array.isArray(errors) && isRecord(errors[0]) ? errors[0] : json;
	const words = [first.message, first.error, first.code].find((part) => typeof part === 'string' && part !== '');
	return typeof words === 'string' ? words.slice(0, 200) : '';
}

/** " (what the service said)", or nothing when it said nothing readable. */
export function saidIn(result: Answered): string {
	const words = remoteWords(result.json);
	return words ? ` (${words})` : '';
}

/** "HTTP 403: what the service said", or just the status. */
export function statusWithWords(result: Answered): string {
	const words = remoteWords(result.json);
	return `HTTP ${result.status}${words ? `: ${words}` : ''}`;
}
