import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

import { IntercomDataEvent } from '../../nodes/IntercomDataEvent/IntercomDataEvent.node';
import { validateMetadata } from '../../nodes/IntercomDataEvent/actions/eventInput';
import { toUnixSeconds } from '../../nodes/common/unixTime';
import { useIntercomFake } from '../support/intercom-fake/jest';
import type { Parameters } from '../support/intercomNodeRunner';
import { runNode } from '../support/intercomNodeRunner';

const node = new IntercomDataEvent();
const intercom = useIntercomFake();

const eventParameters = (overrides: Parameters = {}): Parameters => ({
	operation: 'send',
	eventName: 'renewed-membership',
	createdAt: '2025-01-31T12:00:00Z',
	contactBy: 'email',
	contactValue: 'member@example.org',
	...overrides,
});

async function run(overrides: Parameters | ((itemIndex: number) => Parameters) = {}, items = 1) {
	return await runNode(node, intercom.fake, {
		parameters: (itemIndex) => eventParameters(typeof overrides === 'function' ? overrides(itemIndex) : overrides),
		items,
		continueOnFail: true,
	});
}

/** A loopback proxy in front of the fake that counts how many requests are open at once. */
async function startCountingProxy(target: string) {
	let open = 0;
	let mostOpen = 0;
	const server = createServer((incoming, outgoing) => {
		open++;
		mostOpen = Math.max(mostOpen, open);
		const forward = httpRequest(`${target}${incoming.url}`, { method: incoming.method, headers: incoming.headers }, (answer) => {
			outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(outgoing);
			answer.on('end', () => open--);
		});
		incoming.pipe(forward);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		mostOpen: () => mostOpen,
		close: async () => await new Promise<void>((resolve) => {
			server.closeAllConnections();
			server.close(() => resolve());
		}),
	};
}

let member: { id: string };
beforeEach(() => {
	member = intercom.fake.seed.user({ email: 'member@example.org', external_id: 'M-42' });
});

describe('Intercom Data Event › Send', () => {
	it('records the event with its time and metadata, values sent as text', async () => {
		const { successes } = await run({
			metadata: { entry: [{ name: 'facility', value: 'ZAU' }] },
			options: { metadataJson: '{"years": 12, "retired": false}' },
		});
		expect(successes[0].json).toMatchObject({ sent: true, event_name: 'renewed-membership', created_at: 1738324800 });
		expect(intercom.fake.store.events).toEqual([
			{
				event_name: 'renewed-membership',
				created_at: 1738324800,
				contact_id: member.id,
				metadata: { facility: 'ZAU', years: '12', retired: 'false' },
			},
		]);
	});

	it('names the contact by Intercom ID or by user ID as well', async () => {
		await run((itemIndex) => (itemIndex === 0 ? { contactBy: 'id', contactValue: member.id } : { contactBy: 'userId', contactValue: 'M-42' }), 2);
		expect(intercom.fake.store.events.map((event) => event.contact_id)).toEqual([member.id, member.id]);
	});

	it('more than ten metadata keys: a clear error before anything is sent', async () => {
		const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, index) => [`key_${index}`, index]));
		const { errors } = await run({ options: { metadataJson: eleven } });
		expect(errors[0].json.error).toMatch(/^Intercom accepts at most 10 metadata keys per event; this item has 11 \(key_0, /);
		expect(intercom.fake.requests).toHaveLength(0);
	});

	it('nested metadata: a clear error naming the key', async () => {
		const { errors } = await run({ options: { metadataJson: { positions: { president: true } } } });
		expect(errors[0].json.error).toBe('Metadata must be plain values; "positions" is nested');
		expect(intercom.fake.requests).toHaveLength(0);
	});

	it('a time that is not a date is a clear error', async () => {
		const { errors } = await run({ createdAt: 'next tuesday' });
		expect(errors[0].json.error).toBe('Occurred At is not a date');
	});

	it('an unknown contact comes back as an error on that item', async () => {
		const { items } = await run((itemIndex) => (itemIndex === 1 ? { contactValue: 'stranger@example.org' } : {}), 2);
		expect(items.map((item) => (item.error ? 'error' : 'ok'))).toEqual(['ok', 'error']);
		expect(items[1].json.error).toBe(
			'Intercom could not find what was needed to record event renewed-membership (not_found: User Not Found)',
		);
	});

	it('sends many items with at most Concurrency requests open at once', async () => {
		intercom.fake.setLatency(30);
		const proxy = await startCountingProxy(intercom.fake.baseUrl);
		try {
			const { successes } = await runNode(node, { baseUrl: proxy.baseUrl, token: intercom.fake.token }, {
				parameters: eventParameters({ options: { concurrency: 4 } }),
				items: 40,
			});
			expect(successes).toHaveLength(40);
			expect(intercom.fake.store.events).toHaveLength(40);
			expect(proxy.mostOpen()).toBe(4);
		} finally {
			await proxy.close();
		}
	});
});

describe('event input helpers', () => {
	it.each([
		['', 1_700_000_000],
		[1_700_000_123, 1_700_000_123],
		['1700000123', 1_700_000_123],
		['1700000123456', 1_700_000_123],
		['2025-01-31T12:00:00Z', 1_738_324_800],
		['not a date', undefined],
	])('toUnixSeconds(%p) = %p', (raw, expected) => {
		expect(toUnixSeconds(raw, 1_700_000_000_000)).toBe(expected);
	});

	it('validateMetadata keeps ten flat keys and turns values into text', () => {
		const ten = Object.fromEntries(Array.from({ length: 10 }, (_, index) => [`k${index}`, index]));
		expect(validateMetadata(ten)).toEqual({ value: Object.fromEntries(Object.entries(ten).map(([k, v]) => [k, String(v)])) });
	});
});
