import { sendHttp, type HttpResponse } from './http';

/** A non-2xx answer from n8n's REST API, with n8n's own message when it sent one. */
export class N8nRequestError extends Error {
	constructor(
		readonly status: number,
		readonly n8nMessage: string,
		request: string,
	) {
		super(`n8n answered ${request} with ${status}: ${n8nMessage}`);
	}
}

/** n8n's internal REST API (`/rest/…`) as the editor uses it, authenticated with the login cookie. */
export class N8nRestClient {
	private cookie = '';

	constructor(readonly baseUrl: string) {}

	get loggedIn(): boolean {
		return this.cookie !== '';
	}

	async login(email: string, password: string): Promise<void> {
		const response = await this.send('POST', '/rest/login', { emailOrLdapLoginId: email, password });
		this.rememberCookie(response);
	}

	/** Creates the instance owner on a fresh n8n; the answer logs us in as that owner. */
	async setupOwner(owner: { email: string; password: string; firstName: string; lastName: string }): Promise<void> {
		const response = await this.send('POST', '/rest/owner/setup', owner);
		this.rememberCookie(response);
	}

	async get<T>(path: string): Promise<T> {
		return unwrap<T>(await this.send('GET', path));
	}

	async post<T>(path: string, body: unknown): Promise<T> {
		return unwrap<T>(await this.send('POST', path, body));
	}

	async patch<T>(path: string, body: unknown): Promise<T> {
		return unwrap<T>(await this.send('PATCH', path, body));
	}

	/** Sends a request and fails with n8n's own message when the status is not 2xx. */
	async send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResponse> {
		const response = await sendHttp(`${this.baseUrl}${path}`, {
			method,
			headers: {
				accept: 'application/json',
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				...(this.cookie ? { cookie: this.cookie } : {}),
				...headers,
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (response.status < 200 || response.status > 299) {
			throw new N8nRequestError(response.status, errorMessageOf(response), `${method} ${path}`);
		}
		return response;
	}

	private rememberCookie(response: HttpResponse): void {
		const authCookie = (response.headers['set-cookie'] ?? [])
			.map((cookie) => cookie.split(';')[0])
			.find((cookie) => cookie.startsWith('n8n-auth='));
		if (!authCookie) throw new Error('n8n did not set the n8n-auth cookie');
		this.cookie = authCookie;
	}
}

function errorMessageOf(response: HttpResponse): string {
	try {
		const { message } = response.json<{ message?: unknown }>();
		if (typeof message === 'string') return message;
	} catch {
		// Not JSON: fall through to the raw text.
	}
	return response.text().slice(0, 2000);
}

/** The REST API wraps answers in `{ data }`; static files (/types/…) are not wrapped. */
function unwrap<T>(response: HttpResponse): T {
	const parsed = response.json<{ data?: T }>();
	return (parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed) as T;
}
