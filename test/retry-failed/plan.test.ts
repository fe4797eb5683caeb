import { failedExecutions, waitBeforeRetry, type ListedExecution } from '../../nodes/RetryFailedExecutions/actions/plan';

const settings = { maxRetries: 3, firstWaitMs: 60_000, longestWaitMs: 150_000 };
const at = (minute: number) => new Date(Date.UTC(2026, 11, 7, 12, minute)).toISOString();

function execution(id: string, status: string, minute: number, extra: Partial<ListedExecution> = {}): ListedExecution {
	return { id, status, mode: extra.retryOf ? 'retry' : 'webhook', startedAt: at(minute), stoppedAt: at(minute), workflowId: 'wf', ...extra };
}

describe('which failed executions are due for a retry', () => {
	it('waits double each time, up to the longest wait', () => {
		expect([0, 1, 2, 3].map((attempt) => waitBeforeRetry(attempt, settings))).toEqual([60_000, 120_000, 150_000, 150_000]);
	});

	it('only failed and crashed originals count; successes and retries are not originals', () => {
		const failed = failedExecutions(
			[execution('1', 'success', 0), execution('2', 'error', 1), execution('3', 'crashed', 2), execution('4', 'error', 3, { retryOf: '2' })],
			settings,
		);
		expect(failed.map((entry) => [entry.original.id, entry.attempts.map((attempt) => attempt.id)])).toEqual([
			['2', ['4']],
			['3', []],
		]);
	});

	it('the next retry is due one doubled wait after the latest failure; none once the limit is reached', () => {
		const [first] = failedExecutions([execution('10', 'error', 0)], settings);
		expect(first.dueAt).toBe(Date.parse(at(0)) + 60_000);
		const [second] = failedExecutions([execution('10', 'error', 0), execution('11', 'error', 5, { retryOf: '10' })], settings);
		expect(second.latest.id).toBe('11');
		expect(second.dueAt).toBe(Date.parse(at(5)) + 120_000);
		const [spent] = failedExecutions(
			[execution('10', 'error', 0), execution('11', 'error', 5, { retryOf: '10' }), execution('12', 'error', 9, { retryOf: '10' }), execution('13', 'error', 14, { retryOf: '10' })],
			settings,
		);
		expect(spent.attempts).toHaveLength(3);
		expect(spent.dueAt).toBeUndefined();
	});

	it('a crash has no end time: its wait counts from its start', () => {
		const [crashed] = failedExecutions([{ ...execution('20', 'crashed', 4), stoppedAt: null }], settings);
		expect(crashed.dueAt).toBe(Date.parse(at(4)) + 60_000);
	});

	it('healed when n8n recorded a successful retry, or when one is listed; a retry of a retry counts for the original', () => {
		const [byN8n] = failedExecutions([execution('30', 'error', 0, { retrySuccessId: '31' })], settings);
		expect(byN8n.healed).toBe(true);
		const [chained] = failedExecutions(
			[execution('40', 'error', 0), execution('41', 'error', 2, { retryOf: '40' }), execution('42', 'success', 4, { retryOf: '41' })],
			settings,
		);
		expect(chained.original.id).toBe('40');
		expect(chained.attempts.map((attempt) => attempt.id)).toEqual(['41', '42']);
		expect(chained.healed).toBe(true);
	});
});
