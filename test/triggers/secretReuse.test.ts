import { randomUUID } from 'node:crypto';

import { reuseRecentSecret, SECRET_REUSE_MS } from '../../nodes/common/secretReuse';

describe('signing secrets reused for a second', () => {
	let clock = 0;
	const now = () => clock;
	let reads = 0;
	let stored = 'first-secret';
	const read = async () => {
		reads++;
		return stored;
	};

	// The kept secrets live for the life of the process: every test reads a credential of its own.
	let credential = '';
	beforeEach(() => {
		credential = `credential-${randomUUID()}`;
		clock = 1_000_000;
		reads = 0;
		stored = 'first-secret';
	});

	it('reads the credential once for the requests of the same second', async () => {
		for (let i = 0; i < 50; i++) expect(await reuseRecentSecret(credential, read, now)).toBe('first-secret');
		expect(reads).toBe(1);
	});

	it('takes a changed secret once the second has passed', async () => {
		await reuseRecentSecret(credential, read, now);
		stored = 'rotated-secret';
		clock += SECRET_REUSE_MS - 1;
		expect(await reuseRecentSecret(credential, read, now)).toBe('first-secret');
		clock += 1;
		expect(await reuseRecentSecret(credential, read, now)).toBe('rotated-secret');
		expect(reads).toBe(2);
	});

	it('never keeps an empty secret: a secret filled in counts at once', async () => {
		stored = '';
		expect(await reuseRecentSecret(credential, read, now)).toBe('');
		stored = 'filled-in';
		expect(await reuseRecentSecret(credential, read, now)).toBe('filled-in');
		expect(reads).toBe(2);
	});

	it('keeps credentials apart, and reads every time when the node names no credential id', async () => {
		await reuseRecentSecret(credential, read, now);
		stored = 'other-workspace';
		expect(await reuseRecentSecret('credential-2', read, now)).toBe('other-workspace');
		expect(await reuseRecentSecret(undefined, read, now)).toBe('other-workspace');
		expect(await reuseRecentSecret(undefined, read, now)).toBe('other-workspace');
		expect(reads).toBe(4);
	});

	it('lets requests arriving together while the secret is read share that one read', async () => {
		let finishRead: (secret: string) => void = () => undefined;
		const slowRead = async () => {
			reads++;
			return await new Promise<string>((resolve) => (finishRead = resolve));
		};
		const together = Array.from({ length: 10 }, async () => await reuseRecentSecret(credential, slowRead, now));
		finishRead('first-secret');
		expect(await Promise.all(together)).toEqual(Array(10).fill('first-secret'));
		expect(reads).toBe(1);
		// Kept as any single read is: the next request of the second reads nothing.
		expect(await reuseRecentSecret(credential, read, now)).toBe('first-secret');
		expect(reads).toBe(1);
	});

	it('gives a failed shared read to every request waiting on it, keeps nothing, and reads again next time', async () => {
		let failRead: (error: Error) => void = () => undefined;
		const failingRead = async () => {
			reads++;
			return await new Promise<string>((_resolve, reject) => (failRead = reject));
		};
		const together = Array.from({ length: 5 }, async () => await reuseRecentSecret(credential, failingRead, now));
		failRead(new Error('database is locked'));
		const outcomes = await Promise.allSettled(together);
		expect(outcomes.map((outcome) => outcome.status)).toEqual(Array(5).fill('rejected'));
		expect(reads).toBe(1);
		expect(await reuseRecentSecret(credential, read, now)).toBe('first-secret');
		expect(reads).toBe(2);
	});

	it('shares an empty secret with the requests waiting on it but does not keep it', async () => {
		stored = '';
		const together = await Promise.all(Array.from({ length: 3 }, async () => await reuseRecentSecret(credential, read, now)));
		expect(together).toEqual(['', '', '']);
		expect(reads).toBe(1);
		stored = 'filled-in';
		expect(await reuseRecentSecret(credential, read, now)).toBe('filled-in');
		expect(reads).toBe(2);
	});
});
