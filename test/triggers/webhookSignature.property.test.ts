import { createHmac } from 'node:crypto';

import fc from 'fast-check';

import {
	type SignatureCheck,
	verifyIntercomSignature,
	verifyTodoistSignature,
} from '../../nodes/common/webhookSignature';

const RUNS = 3000;

interface Scheme {
	name: string;
	verify: (check: SignatureCheck) => boolean;
	sign: (body: Buffer, secret: string) => string;
	/** Signature-shaped strings: right alphabet and length, random content. */
	lookalike: fc.Arbitrary<string>;
}

const hexChar = fc.constantFrom(...'0123456789abcdef');
const base64Char = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');

const schemes: Scheme[] = [
	{
		name: 'Intercom (sha1=hex)',
		verify: verifyIntercomSignature,
		sign: (body, secret) => `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`,
		lookalike: fc
			.string({ unit: hexChar, minLength: 40, maxLength: 40 })
			.map((hex) => `sha1=${hex}`),
	},
	{
		name: 'Todoist (base64)',
		verify: verifyTodoistSignature,
		sign: (body, secret) => createHmac('sha256', secret).update(body).digest('base64'),
		lookalike: fc.string({ unit: base64Char, minLength: 43, maxLength: 43 }).map((text) => `${text}=`),
	},
];

const body = fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes));
const secret = fc.string({ minLength: 1, maxLength: 64 });

describe.each(schemes)('$name signature, property-based', ({ verify, sign, lookalike }) => {
	it('accepts every correctly signed body', () => {
		fc.assert(
			fc.property(body, secret, (rawBody, key) => {
				expect(verify({ rawBody, secret: key, signature: sign(rawBody, key) })).toBe(true);
			}),
			{ numRuns: RUNS },
		);
	});

	it('accepts a random signature only when it is the correct one', () => {
		// `null` stands for "the correct signature", so about a quarter of the runs are correctly signed.
		const anySignature = fc.oneof(
			fc.constant(null),
			lookalike,
			fc.string({ maxLength: 80 }),
			fc.string({ unit: 'binary', maxLength: 80 }),
		);
		fc.assert(
			fc.property(body, secret, anySignature, (rawBody, key, drawn) => {
				const correct = sign(rawBody, key);
				const signature = drawn ?? correct;
				expect(verify({ rawBody, secret: key, signature })).toBe(signature === correct);
			}),
			{ numRuns: RUNS },
		);
	});

	it('rejects a signature made for a different body', () => {
		fc.assert(
			fc.property(body, body, secret, (signedBody, sentBody, key) => {
				fc.pre(!signedBody.equals(sentBody));
				expect(verify({ rawBody: sentBody, secret: key, signature: sign(signedBody, key) })).toBe(false);
			}),
			{ numRuns: RUNS },
		);
	});

	it('rejects a signature made with a different secret', () => {
		fc.assert(
			fc.property(body, secret, secret, (rawBody, usedKey, configuredKey) => {
				fc.pre(usedKey !== configuredKey);
				expect(verify({ rawBody, secret: configuredKey, signature: sign(rawBody, usedKey) })).toBe(false);
			}),
			{ numRuns: RUNS },
		);
	});

	it('rejects a correct signature with one character changed', () => {
		fc.assert(
			fc.property(body, secret, fc.nat(), fc.integer({ min: 1, max: 127 }), (rawBody, key, at, delta) => {
				const valid = sign(rawBody, key);
				const index = at % valid.length;
				const changed = String.fromCharCode((valid.charCodeAt(index) + delta) % 128);
				const tampered = valid.slice(0, index) + changed + valid.slice(index + 1);
				// A changed padding bit can spell the same digest; the canonical-form check must still refuse it.
				expect(verify({ rawBody, secret: key, signature: tampered })).toBe(false);
			}),
			{ numRuns: RUNS },
		);
	});

	it('never throws, whatever it is given', () => {
		fc.assert(
			fc.property(fc.anything(), fc.anything(), fc.anything(), (rawBody, key, signature) => {
				const check = { rawBody, secret: key, signature } as unknown as SignatureCheck;
				expect(() => verify(check)).not.toThrow();
				expect(verify(check)).toBe(false);
			}),
			{ numRuns: RUNS },
		);
	});
});
