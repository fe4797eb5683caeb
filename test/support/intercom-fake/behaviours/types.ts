/** What a behaviour (one contract operation the fake implements) receives and answers. */
import type { Store } from '../store';

export interface BehaviourConfig {
	/** When set, only these contact custom attributes exist; others answer 400 like an undefined data attribute. */
	customAttributes?: string[];
	/** How removing a tag that is not on the conversation answers (the contract documents `tag_not_found`). */
	untagAbsentTag: 'tag_not_found' | 'success';
}

export interface RequestContext {
	store: Store;
	config: BehaviourConfig;
	params: Record<string, string>;
	query: URLSearchParams;
	// The validator has already checked the body against the contract.
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	body: any;
}

export interface Reply {
	status: number;
	/** Omitted for empty answers (e.g. `POST /events` → 202). */
	body?: unknown;
}

export type Behaviour = (context: RequestContext) => Reply;

/** Keyed by `METHOD /template` exactly as the contract writes the path. */
export type Behaviours = Record<string, Behaviour>;

export const ok = (body: unknown): Reply => ({ status: 200, body });
