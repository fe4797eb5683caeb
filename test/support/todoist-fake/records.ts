/**
 * Tasks and comments as Todoist API v1 puts them on the wire: snake_case, ids as opaque strings (the SDK's
 * TaskSchema and RawCommentSchema, before its camelCase conversion), and Todoist's error body.
 */
import { randomBytes } from 'node:crypto';

export interface WireTask {
	id: string;
	user_id: string;
	project_id: string;
	section_id: string | null;
	parent_id: string | null;
	added_by_uid: string | null;
	assigned_by_uid: string | null;
	responsible_uid: string | null;
	labels: string[];
	deadline: null;
	duration: null;
	checked: boolean;
	is_deleted: boolean;
	added_at: string;
	completed_at: string | null;
	updated_at: string;
	due: null;
	priority: number;
	child_order: number;
	content: string;
	description: string;
	day_order: number;
	is_collapsed: boolean;
}

export interface WireComment {
	id: string;
	item_id: string;
	content: string;
	posted_at: string;
	posted_uid: string;
	file_attachment: null;
	uids_to_notify: null;
	reactions: null;
	is_deleted: boolean;
}

export const FAKE_USER_ID = '2671355';

const ID_LETTERS = '23456789CFGHJMPQRVWXcfghjmpqrvwx';

/** An id shaped like Todoist's v1 ids (16 letters and digits, e.g. 6X7rM8997g3RQmvh). */
export function newId(): string {
	return [...randomBytes(16)].map((byte) => ID_LETTERS[byte % ID_LETTERS.length]).join('');
}

export function newTask(overrides: Partial<WireTask> = {}): WireTask {
	const now = new Date().toISOString();
	return {
		id: newId(),
		user_id: FAKE_USER_ID,
		project_id: '6Jf8VQXxpwv56VQ7',
		section_id: null,
		parent_id: null,
		added_by_uid: FAKE_USER_ID,
		assigned_by_uid: null,
		responsible_uid: null,
		labels: [],
		deadline: null,
		duration: null,
		checked: false,
		is_deleted: false,
		added_at: now,
		completed_at: null,
		updated_at: now,
		due: null,
		priority: 1,
		child_order: 1,
		content: 'Fix the sync',
		description: '',
		day_order: -1,
		is_collapsed: false,
		...overrides,
	};
}

export function newComment(taskId: string, content: string): WireComment {
	return {
		id: newId(),
		item_id: taskId,
		content,
		posted_at: new Date().toISOString(),
		posted_uid: FAKE_USER_ID,
		file_attachment: null,
		uids_to_notify: null,
		reactions: null,
		is_deleted: false,
	};
}

/** Todoist's error body; like Todoist, `error_extra.retry_after` is on every error, not only on 429s. */
export function errorBody(status: number, tag: string, words: string, retryAfterSeconds = 3) {
	return {
		error: words,
		error_code: status,
		error_extra: { event_id: randomBytes(16).toString('hex'), retry_after: retryAfterSeconds },
		error_tag: tag,
		http_code: status,
	};
}
