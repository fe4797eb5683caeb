import { forgetRecentSecrets, reuseRecentSecret, SECRET_REUSE_MS } from '../../nodes/shared/secretReuse';

describe('signing secrets reused for a second', () => {
	let clock = 0;
	const now = () => clock;
	let reads = 0;
	let stored = 'first-secret';
	const read = async () => {
		reads++;
		return stored;
	};

	beforeEach(() => {
		forgetRecentSecrets();
		clock = 1_000_000;
		reads = 0;
		stored = 'first-secret';
	});

	it('reads the credential once for the requests of the same second', async () => {
		for (let i = 0; i < 50; i++) expect(await reuseRecentSecret('credential-1', read, now)).toBe('first-secret');
		expect(reads).toBe(1);
	});

	it('takes a changed secret once the second has passed', async () => {
		await reuseRecentSecret('credential-1', read, now);
		stored = 'rotated-secret';
		clock += SECRET_REUSE_MS - 1;
		expect(await reuseRecentSecret('credential-1', read, now)).toBe('first-secret');
		clock += 1;
		expect(await reuseRecentSecret('credential-1', read, now)).toBe('rotated-secret');
		expect(reads).toBe(2);
	});

	it('never keeps an empty secret: a secret filled in counts at once', async () => {
		stored = '';
		expect(await reuseRecentSecret('credential-1', read, now)).toBe('');
		stored = 'filled-in';
		expect(await reuseRecentSecret('credential-1', read, now)).toBe('filled-in');
		expect(reads).toBe(2);
	});

	it('keeps credentials apart, and reads every time when the node names no credential id', async () => {
		await reuseRecentSecret('credential-1', read, now);
		stored = 'other-workspace';
		expect(await reuseRecentSecret('credential-2', read, now)).toBe('other-workspace');
		expect(await reuseRecentSecret(undefined, read, now)).toBe('other-workspace');
		expect(await reuseRecentSecret(undefined, read, now)).toBe('other-workspace');
		expect(reads).toBe(4);
	});
});
