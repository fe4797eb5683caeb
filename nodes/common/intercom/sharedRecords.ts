import { recordLeaseMs, type Coordinator, type Lease } from '../coordination';

/**
 * Others wait this long for a record: longer than find-or-create takes under the default Timeout and Retries
 * (about 135 s). The lock itself is a lease, renewed while its holder works, however long that is.
 */
const RECORD_WAIT_MS = 180_000;

/** Intercom's search can lag its writes by seconds; ids just created are remembered well past that. */
const REMEMBERED_ID_MS = 10 * 60 * 1000;

/**
 * Find-or-create across executions: a lock per record (a ticket reference, a contact's email) and a short
 * memory of ids just created, in the coordinator every process shares. Keys are namespaced per Intercom
 * credential and address, so two workspaces never see each other's records.
 */
export class SharedRecords {
	constructor(
		private readonly coordinator: Coordinator,
		/** The Intercom credential and address the records belong to. */
		readonly namespace: string,
	) {}

	async exclusive<T>(key: string, work: (lease: Lease) => Promise<T>): Promise<T> {
		const lock = { ttlMs: recordLeaseMs(), waitMs: RECORD_WAIT_MS };
		return await this.coordinator.withLock(`${this.namespace}record:${key}`, lock, work);
	}

	async recall(key: string): Promise<string | undefined> {
		return await this.coordinator.recall(`${this.namespace}id:${key}`);
	}

	async remember(key: string, id: string): Promise<void> {
		await this.coordinator.remember(`${this.namespace}id:${key}`, id, REMEMBERED_ID_MS);
	}
}
