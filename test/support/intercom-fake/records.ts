/** What the fake remembers about the traffic it served, for tests to assert on. */
import type { ViolationKind } from './validator';

export interface RecordedRequest {
	method: string;
	/** Concrete path, without the query string. */
	path: string;
	/** Contract template the path matched, when it matched one. */
	template?: string;
	status: number;
	/** Parsed JSON body, if any. */
	body?: unknown;
	/** Clock time (ms) when the request arrived. */
	at: number;
}

export interface InvalidRequest {
	method: string;
	path: string;
	template?: string;
	/** What was wrong: unknown route, token, headers, parameters, body, or an operation the fake lacks. */
	kind: ViolationKind | 'unimplemented';
	status: number;
	problems: string[];
	body?: unknown;
}

export interface InvalidResponse {
	method: string;
	template: string;
	status: number;
	problems: string[];
}

export class TrafficLog {
	readonly requests: RecordedRequest[] = [];
	readonly invalidRequests: InvalidRequest[] = [];
	readonly invalidResponses: InvalidResponse[] = [];
	private readonly counts = new Map<string, number>();

	count(key: string): void {
		this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
	}

	/** Requests per `METHOD /template` (or `METHOD /path` when no template matched). */
	countsByOperation(): Record<string, number> {
		return Object.fromEntries(this.counts);
	}

	countOf(method: string, templateOrPath: string): number {
		return this.counts.get(`${method.toUpperCase()} ${templateOrPath}`) ?? 0;
	}

	clear(): void {
		this.requests.length = 0;
		this.invalidRequests.length = 0;
		this.invalidResponses.length = 0;
		this.counts.clear();
	}
}

export function describeInvalidRequests(records: InvalidRequest[]): string {
	return records
		.map(
			(record) =>
				`${record.method} ${record.path} → ${record.status} (${record.kind})\n    ${record.problems.join('\n    ')}`,
		)
		.join('\n');
}
