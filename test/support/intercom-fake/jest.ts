/**
 * Jest wiring: a fresh fake for every test, and the contract check when the test ends.
 *
 *   const intercom = useIntercomFake({ searchLagMs: 200 });
 *   it('…', async () => { const fake = intercom.fake; … });
 *
 * A request that broke the contract fails the test that sent it. Tests that send bad requests on
 * purpose call `fake.takeInvalidRequests()` and assert on them.
 */
import { type IntercomFake, type IntercomFakeOptions, startIntercomFake } from './index';
import { describeInvalidRequests } from './records';

export interface IntercomFakeRef {
	/** The running fake (inside tests and beforeEach/afterEach hooks). */
	readonly fake: IntercomFake;
}

export function useIntercomFake(options: IntercomFakeOptions = {}): IntercomFakeRef {
	let current: IntercomFake | undefined;
	beforeEach(async () => {
		current = await startIntercomFake(options);
	});
	afterEach(async () => {
		const fake = current;
		current = undefined;
		if (!fake) return;
		await fake.close();
		const invalid = fake.takeInvalidRequests();
		if (invalid.length > 0) {
			throw new Error(
				`The Intercom fake received ${invalid.length} request(s) that break the contract:\n` +
					describeInvalidRequests(invalid),
			);
		}
		if (fake.invalidResponses.length > 0) {
			// A bug in the fake, not in the code under test: report it to whoever owns test/support/intercom-fake.
			throw new Error(`The Intercom fake answered outside the contract: ${JSON.stringify(fake.invalidResponses, null, 2)}`);
		}
	});
	return {
		get fake(): IntercomFake {
			if (!current) throw new Error('The Intercom fake is not running (use it inside a test)');
			return current;
		},
	};
}
