import { IntercomDataEvent } from '../../nodes/IntercomDataEvent/IntercomDataEvent.node';
import { IntercomContact } from '../../nodes/IntercomContact/IntercomContact.node';
import { startIntercomFake } from '../support/intercom-fake';
import { useIntercomFake } from '../support/intercom-fake/jest';
import type { RunOptions } from '../support/intercomNodeRunner';
import { pairedIndexes, runNode } from '../support/intercomNodeRunner';

const events = new IntercomDataEvent();
const contacts = new IntercomContact();
const intercom = useIntercomFake();

const eventParameters = (options: object = {}) => ({
	operation: 'send',
	eventName: 'renewed-membership',
	contactBy: 'email',
	contactValue: 'member@example.org',
	options: { timeoutSeconds: 1, ...options },
});

async function sendEvents(options: Partial<RunOptions> & { nodeOptions?: object } = {}) {
	return await runNode(events, intercom.fake, { parameters: eventParameters(options.nodeOptions), ...options });
}

async function expectFailure(run: Promise<unknown>) {
	const error = await run.then(
		() => undefined,
		(caught: unknown) => caught as Error & { description?: string; httpCode?: string },
	);
	if (!error) throw new Error('Expected the node to fail');
	return error;
}

const statuses = (method: string, template: string) =>
	intercom.fake.requests.filter((request) => request.method === method && request.template === template).map((request) => request.status);

beforeEach(() => {
	intercom.fake.seed.user({ email: 'member@example.org' });
});

describe('transport: retries', () => {
	it('retries 5xx answers and succeeds', async () => {
		intercom.fake.faults.fail({ status: 503, path: '/events', count: 2 });
		const { successes } = await sendEvents();
		expect(successes).toHaveLength(1);
		expect(statuses('POST', '/events')).toEqual([503, 503, 202]);
		expect(intercom.fake.store.events).toHaveLength(1);
	});

	it('gives up after the configured retries with a message that says what happened', async () => {
		intercom.fake.faults.fail({ status: 502, path: '/events' });
		const error = await expectFailure(sendEvents({ nodeOptions: { maxRetries: 2 } }));
		expect(error.message).toBe('Intercom had a server error (HTTP 502) after trying to record event renewed-membership 3 times');
		expect(error.httpCode).toBe('502');
		expect(statuses('POST', '/events')).toEqual([502, 502, 502]);
	});

	it('retries a request that timed out', async () => {
		intercom.fake.faults.hang({ path: '/events', count: 1 });
		const { successes } = await sendEvents();
		expect(successes).toHaveLength(1);
		expect(intercom.fake.store.events).toHaveLength(1);
	});

	it('says so when Intercom never answers in time', async () => {
		intercom.fake.faults.hang({ path: '/events' });
		const error = await expectFailure(sendEvents({ nodeOptions: { maxRetries: 1 } }));
		expect(error.message).toBe(
			'Intercom did not answer in time: timed out trying to record event renewed-membership 2 times',
		);
		expect(error.description).toContain('Timeout option');
	});

	it('waits for the reset named by a 429 and then succeeds', async () => {
		intercom.fake.setRateLimit({ limit: 1000, windowMs: 1000 });
		intercom.fake.faults.fail({ status: 429, path: '/events', count: 1 });
		const { successes } = await sendEvents();
		expect(successes).toHaveLength(1);
		expect(statuses('POST', '/events')).toEqual([429, 202]);
		const [refused, accepted] = intercom.fake.requests.filter((request) => request.template === '/events');
		// The retry came after the window the 429 named had ended.
		expect(Math.floor(accepted.at / 1000)).toBeGreaterThan(Math.floor(refused.at / 1000));
	});

	it('surfaces a 429 only when the retries are used up', async () => {
		intercom.fake.setRateLimit({ limit: 1000, windowMs: 1000 });
		intercom.fake.faults.fail({ status: 429, path: '/events' });
		const error = await expectFailure(sendEvents({ nodeOptions: { maxRetries: 1 } }));
		expect(error.message).toBe("Intercom's rate limit was still exceeded after trying to record event renewed-membership 2 times");
		expect(error.httpCode).toBe('429');
	});

	it('keeps to a real rate limit without any 429 when the headers show the window running out', async () => {
		intercom.fake.setRateLimit({ limit: 5, windowMs: 1000 });
		const { successes } = await sendEvents({ items: 12, nodeOptions: { concurrency: 4 } });
		expect(successes).toHaveLength(12);
		expect(statuses('POST', '/events').filter((status) => status === 429)).toEqual([]);
		const windows = new Set(intercom.fake.requests.map((request) => Math.floor(request.at / 1000)));
		expect(windows.size).toBeGreaterThanOrEqual(3); // 12 calls at 5 per second need three windows
	});
});

describe('transport: error messages', () => {
	it('401: tells the user to check the credential', async () => {
		const error = await expectFailure(sendEvents({ credentials: { accessToken: 'not-the-token' } }));
		expect(error.message).toBe('Intercom rejected the access token — check the Intercom credential');
		expect(error.httpCode).toBe('401');
		expect(intercom.fake.store.events).toHaveLength(0);
		// The fake records a wrong token as a contract breach: exactly that one, nothing else.
		expect(intercom.fake.takeInvalidRequests().map((request) => [request.kind, request.status])).toEqual([['auth', 401]]);
	});

	it("400: puts Intercom's code and message on the item", async () => {
		await intercom.fake.close();
		const strict = await startIntercomFake({ customAttributes: ['member_number'] });
		try {
			const { errors } = await runNode(contacts, strict, {
				continueOnFail: true,
				parameters: {
					operation: 'upsert',
					email: 'new@example.org',
					customAttributes: { attribute: [{ name: 'no_such_attribute', value: 'x' }] },
				},
			});
			expect(errors).toHaveLength(1);
			expect(errors[0].json.error).toBe(
				"Intercom rejected the request to create the contact — parameter_not_found: Custom attribute 'no_such_attribute' does not exist",
			);
			// The error item every node builds: what to check and the HTTP status under details, paired with its input.
			expect(errors[0].json.details).toEqual({
				description: 'Check the values this item sends; Intercom names the field at fault above.',
				httpCode: '400',
			});
			expect(errors[0].pairedItem).toEqual({ item: 0 });
			expect(strict.invalidRequests).toEqual([]);
		} finally {
			await strict.close();
		}
	});

	it("422: puts Intercom's code and message on the item", async () => {
		intercom.fake.faults.fail({
			status: 422,
			path: '/events',
			code: 'parameter_invalid',
			message: 'event_name is too long',
		});
		const error = await expectFailure(sendEvents());
		expect(error.message).toBe(
			'Intercom rejected the request to record event renewed-membership — parameter_invalid: event_name is too long',
		);
		expect(statuses('POST', '/events')).toEqual([422]); // not retried
	});

	it('an unreachable address says to check the credential’s region or base URL', async () => {
		const closed = await startIntercomFake();
		const address = { baseUrl: closed.baseUrl, token: closed.token };
		await closed.close();
		const error = await expectFailure(
			runNode(events, address, { parameters: eventParameters({ maxRetries: 0 }) }),
		);
		expect(error.message).toMatch(/^Could not reach Intercom to record event renewed-membership/);
		expect(error.description).toContain('region or custom base URL');
	});
});

describe('continue on fail', () => {
	it('keeps every item: failures go out as error items paired with their input', async () => {
		intercom.fake.faults.fail({ status: 422, path: '/events', count: 1, code: 'parameter_invalid', message: 'bad' });
		const { items, errors, successes } = await runNode(events, intercom.fake, {
			parameters: (itemIndex) =>
				itemIndex === 2 ? { ...eventParameters(), eventName: '' } : { ...eventParameters(), options: { concurrency: 1 } },
			items: 4,
			continueOnFail: true,
		});
		expect(pairedIndexes(items)).toEqual([0, 1, 2, 3]);
		expect(items.map((item) => (item.error ? 'error' : 'ok'))).toEqual(['error', 'ok', 'error', 'ok']);
		expect(errors.map((item) => item.json.error)).toEqual([
			'Intercom rejected the request to record event renewed-membership — parameter_invalid: bad',
			'Enter the event name',
		]);
		expect(successes).toHaveLength(2);
	});

	it('without continue on fail, the first failing item stops the node with its index', async () => {
		const error = (await expectFailure(
			runNode(events, intercom.fake, {
				parameters: (itemIndex) => (itemIndex === 1 ? { ...eventParameters(), contactValue: '' } : eventParameters()),
				items: 3,
			}),
		)) as Error & { context?: { itemIndex?: number } };
		expect(error.message).toBe('Enter the contact this is about');
		expect(error.context?.itemIndex).toBe(1);
	});
});
