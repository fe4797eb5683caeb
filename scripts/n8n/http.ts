import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

export interface HttpResponse {
	status: number;
	headers: IncomingHttpHeaders;
	body: Buffer;
	text(): string;
	json<T = unknown>(): T;
}

export interface HttpRequestOptions {
	method?: string;
	headers?: Record<string, string>;
	/** Sent byte for byte: webhook signatures are computed over exactly these bytes. */
	body?: Buffer | string;
	timeoutMs?: number;
}

/**
 * A bare HTTP/1.1 request: no default headers beyond Host and Content-Length, no connection pool,
 * so a test controls exactly what n8n receives.
 */
export async function sendHttp(url: string, options: HttpRequestOptions = {}): Promise<HttpResponse> {
	const { method = 'GET', headers = {}, body, timeoutMs = 30_000 } = options;
	const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body);
	return await new Promise((resolveResponse, reject) => {
		const req = httpRequest(
			url,
			{
				method,
				agent: false,
				headers: {
					...headers,
					...(payload ? { 'content-length': String(payload.length) } : {}),
				},
				timeout: timeoutMs,
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('error', reject);
				res.on('end', () => {
					const buffer = Buffer.concat(chunks);
					resolveResponse({
						status: res.statusCode ?? 0,
						headers: res.headers,
						body: buffer,
						text: () => buffer.toString('utf8'),
						json: <T>() => JSON.parse(buffer.toString('utf8')) as T,
					});
				});
			},
		);
		req.on('timeout', () => req.destroy(new Error(`${method} ${url} got no answer within ${timeoutMs} ms`)));
		req.on('error', reject);
		req.end(payload);
	});
}
