/** Hand-built requests, so the fake's tests can send exactly what the SDK never would. */
import type { IntercomFake } from '../support/intercom-fake';

export interface RawOptions {
	body?: unknown;
	/** Sent as-is instead of JSON-encoding `body`. */
	rawBody?: string;
	/** Replaces the default headers (Bearer token, Intercom-Version, JSON content type). */
	headers?: Record<string, string>;
	/** Added to (or, with `undefined`, removed from) the defaults. */
	extraHeaders?: Record<string, string | undefined>;
}

export interface RawAnswer {
	status: number;
	headers: Headers;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	body: any;
}

export async function raw(fake: IntercomFake, method: string, path: string, options: RawOptions = {}): Promise<RawAnswer> {
	const headers: Record<string, string> = options.headers ?? {
		Authorization: `Bearer ${fake.token}`,
		'Intercom-Version': '2.14',
		'Content-Type': 'application/json',
	};
	for (const [name, value] of Object.entries(options.extraHeaders ?? {})) {
		if (value === undefined) delete headers[name];
		else headers[name] = value;
	}
	const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
	const response = await fetch(`${fake.baseUrl}${path}`, { method, headers, body });
	const text = await response.text();
	return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}
