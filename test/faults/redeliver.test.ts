/** The fault suite's sender (test/e2e/faults/redeliver.ts): re-sent until a 2xx answer, given up after its time. */
import type { HttpResponse } from '../../scripts/n8n';
import type { FaultEvent } from '../e2e/faults/events';
import { redeliver, sendPaced, type RedeliveryPolicy } from '../e2e/faults/redeliver';

const QUICK: RedeliveryPolicy = { firstPauseMs: 5, maxPauseMs: 20, giveUpAfterMs: 200 };

/** An event whose attempts get these answers in turn (an Error: a connection failure), the last one from then on. */
function answering(answers: Array<number | Error>, copies = 1): FaultEvent & { attempts: number[] } {
	const attempts: number[] = [];
	return {
		kind: 'escalation',
		key: 'task-1',
		workflowId: 'wf',
		taskId: 'task-1',
		copies,
		attempts,
		send: async (attempt) => {
			attempts.push(attempt);
			const answer = answers[Math.min(attempts.length, answers.length) - 1];
			if (answer instanceof Error) throw answer;
			return { status: answer } as HttpResponse;
		},
	};
}

const refused = () => Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });

describe('fault suite sender', () => {
	it('sends again after an error status or a refused connection, counting attempts, until a 2xx', async () => {
		const event = answering([503, refused(), 500, 200]);
		const outcome = await redeliver(event, QUICK);
		expect(outcome).toMatchObject({ accepted: true, attempts: 4, answers: [503, 'ECONNREFUSED', 500, 200] });
		expect(event.attempts).toEqual([1, 2, 3, 4]);
		expect(outcome.windows).toHaveLength(4);
		for (const { sentAt, answeredAt } of outcome.windows) expect(answeredAt).toBeGreaterThanOrEqual(sentAt);
	});

	it('gives up once its time is over', async () => {
		const outcome = await redeliver(answering([503]), QUICK);
		expect(outcome.accepted).toBe(false);
		expect(outcome.attempts).toBeGreaterThan(3);
		expect(outcome.answers.every((answer) => answer === 503)).toBe(true);
	});

	it('stops sending once aborted', async () => {
		const stop = new AbortController();
		const failing = answering([503]);
		const sending = sendPaced([failing, answering([200])], 1_000, { ...QUICK, giveUpAfterMs: 60_000 }, stop.signal);
		await new Promise((wait) => setTimeout(wait, 50));
		stop.abort();
		const report = await sending;
		expect(report.copies).toHaveLength(1);
		expect(report.givenUp).toBe(1);
		expect(failing.attempts.length).toBeLessThan(10);
	});

	it('sends every copy of an event on its own and counts redeliveries', async () => {
		const once = answering([200], 3);
		const retried = answering([429, 200]);
		const report = await sendPaced([once, retried], 1, QUICK);
		expect(report.copies).toHaveLength(4);
		expect(once.attempts).toEqual([1, 1, 1]);
		expect(report).toMatchObject({ redelivered: 1, givenUp: 0 });
	});
});
