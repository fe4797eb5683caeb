/** Injected trouble: error answers, added latency and held (never answered) requests. */
export interface FaultTarget {
	/** HTTP method, e.g. `POST`; any when omitted. */
	method?: string;
	/** Contract template (`/contacts/{contact_id}`), concrete path, or a RegExp tested on the concrete path. */
	path?: string | RegExp;
	/** Only the next `count` matching requests; every matching request when omitted (with `probability`). */
	count?: number;
	/** Chance (0–1) that a matching request is hit, from the fake's seeded random source. */
	probability?: number;
}

export interface ErrorFault extends FaultTarget {
	/** Default 500. A 429 carries the current rate-limit headers. */
	status?: number;
	code?: string;
	message?: string;
	/** Apply the write first, then answer with the error (as a gateway failing after the backend). */
	afterWrite?: boolean;
}

export interface LatencyFault extends FaultTarget {
	ms: number;
}

export interface HangFault extends FaultTarget {
	/** Apply the write but never answer (a client timeout after Intercom did the work). */
	applyWrite?: boolean;
}

export interface FaultHandle {
	/** How many requests this rule has hit so far. */
	readonly hits: number;
	remove(): void;
}

type Rule =
	| { kind: 'error'; spec: ErrorFault; hits: number }
	| { kind: 'latency'; spec: LatencyFault; hits: number }
	| { kind: 'hang'; spec: HangFault; hits: number };

export interface FaultPlan {
	latencyMs: number;
	error?: ErrorFault;
	hang?: HangFault;
}

const DEFAULT_CODES: Record<number, string> = {
	429: 'rate_limit_exceeded',
	500: 'server_error',
	502: 'bad_gateway',
	503: 'service_unavailable',
	504: 'gateway_timeout',
};

export function errorCodeFor(status: number): string {
	return DEFAULT_CODES[status] ?? 'server_error';
}

/** Small seeded PRNG (mulberry32) so probabilistic faults repeat run to run. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export class Faults {
	private rules: Rule[] = [];

	constructor(private readonly random: () => number) {}

	/** Answer matching requests with an error status instead of serving them. */
	fail(spec: ErrorFault = {}): FaultHandle {
		return this.add({ kind: 'error', spec, hits: 0 });
	}

	/** Add `ms` of latency to matching requests. */
	delay(spec: LatencyFault): FaultHandle {
		return this.add({ kind: 'latency', spec, hits: 0 });
	}

	/** Never answer matching requests (until the client gives up or the fake closes). */
	hang(spec: HangFault = {}): FaultHandle {
		return this.add({ kind: 'hang', spec, hits: 0 });
	}

	clear(): void {
		this.rules = [];
	}

	/** Decides, once per request, which faults apply (spending their counts). */
	plan(method: string, template: string | undefined, path: string): FaultPlan {
		const plan: FaultPlan = { latencyMs: 0 };
		for (const rule of [...this.rules]) {
			if (!this.hits(rule, method, template, path)) continue;
			if (rule.kind === 'latency') plan.latencyMs += rule.spec.ms;
			else if (rule.kind === 'error') plan.error ??= rule.spec;
			else plan.hang ??= rule.spec;
		}
		return plan;
	}

	private hits(rule: Rule, method: string, template: string | undefined, path: string): boolean {
		const { spec } = rule;
		if (spec.method && spec.method.toUpperCase() !== method) return false;
		if (spec.path instanceof RegExp ? !spec.path.test(path) : spec.path && spec.path !== template && spec.path !== path) {
			return false;
		}
		if (spec.count !== undefined && rule.hits >= spec.count) return false;
		if (spec.probability !== undefined && this.random() >= spec.probability) return false;
		rule.hits += 1;
		return true;
	}

	private add(rule: Rule): FaultHandle {
		this.rules.push(rule);
		return {
			get hits() {
				return rule.hits;
			},
			remove: () => {
				this.rules = this.rules.filter((candidate) => candidate !== rule);
			},
		};
	}
}
