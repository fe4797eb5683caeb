/**
 * The Intercom fake on its own thread, for benchmarks: the fake's contract checks then run on another
 * core instead of competing with the code under measurement, as a remote API would. Tests use the
 * in-process fake (`startIntercomFake`), whose store they can inspect directly.
 *
 *   const fake = await startIntercomFakeThread({ latencyMs: 20, rateLimit: false });
 *   … run nodes against fake.baseUrl / fake.token …
 *   const { contacts, invalidRequests } = await fake.stats();
 *   await fake.close();
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

import type { IntercomFake, IntercomFakeOptions } from './intercom-fake';
import { startIntercomFake } from './intercom-fake';

export interface FakeThreadStats {
	requests: number;
	invalidRequests: number;
	contacts: number;
	statuses: Record<number, number>;
}

export interface IntercomFakeThread {
	baseUrl: string;
	token: string;
	stats(): Promise<FakeThreadStats>;
	close(): Promise<void>;
}

type Serializable = Omit<IntercomFakeOptions, 'clock'>;

export async function startIntercomFakeThread(options: Serializable = {}): Promise<IntercomFakeThread> {
	const worker = new Worker(__filename, { workerData: options });
	const ask = async <T>(command: string): Promise<T> =>
		await new Promise<T>((resolve, reject) => {
			worker.once('message', resolve);
			worker.once('error', reject);
			worker.postMessage(command);
		});
	const { baseUrl, token } = await ask<{ baseUrl: string; token: string }>('address');
	return {
		baseUrl,
		token,
		stats: async () => await ask<FakeThreadStats>('stats'),
		close: async () => {
			await ask('close');
			await worker.terminate();
		},
	};
}

function statsOf(fake: IntercomFake): FakeThreadStats {
	const statuses: Record<number, number> = {};
	for (const request of fake.requests) statuses[request.status] = (statuses[request.status] ?? 0) + 1;
	return {
		requests: fake.requests.length,
		invalidRequests: fake.invalidRequests.length,
		contacts: fake.store.contacts.size,
		statuses,
	};
}

if (!isMainThread && parentPort) {
	const port = parentPort;
	const started = startIntercomFake(workerData as Serializable);
	port.on('message', (command: string) => {
		void started.then(async (fake) => {
			if (command === 'address') port.postMessage({ baseUrl: fake.baseUrl, token: fake.token });
			else if (command === 'stats') port.postMessage(statsOf(fake));
			else if (command === 'close') port.postMessage(await fake.close());
		});
	});
}
