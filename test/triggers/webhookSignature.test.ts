import { createHmac } from 'node:crypto';

import {
	verifyIntercomSignature,
	verifyTodoistSignature,
} from '../../nodes/common/webhookSignature';
import { fixtureBytes, knownAnswers } from '../support/webhookFixtures';

const { secret } = knownAnswers;
const tagFixture = 'intercom/conversation_part.tag.created.json';
const [todoistFixture, todoistSignature] = Object.entries(knownAnswers.todoist)[0];

function intercomSign(body: Buffer, key: string): string {
	return `sha1=${createHmac('sha1', key).update(body).digest('hex')}`;
}

function todoistSign(body: Buffer, key: string): string {
	return createHmac('sha256', key).update(body).digest('base64');
}

function flipLastByte(body: Buffer): Buffer {
	const copy = Buffer.from(body);
	copy[copy.length - 1] ^= 0x01;
	return copy;
}

/**
 * The last data character of a 32-byte base64 value carries two unused bits; bumping it by one (valid for the
 * fixture's 'k') gives different text that decodes to the same bytes.
 */
function otherSpellingOf(signature: string): string {
	const last = signature.at(-2) as string;
	return `${signature.slice(0, -2)}${String.fromCharCode(last.charCodeAt(0) + 1)}=`;
}

describe('known answers over the exact fixture bytes', () => {
	it.each(Object.entries(knownAnswers.intercom))('Intercom accepts %s', (path, signature) => {
		expect(verifyIntercomSignature({ rawBody: fixtureBytes(path), secret, signature })).toBe(true);
		// The test's own signer must agree, or the property tests would prove nothing.
		expect(intercomSign(fixtureBytes(path), secret)).toBe(signature);
	});

	it.each(Object.entries(knownAnswers.todoist))('Todoist accepts %s', (path, signature) => {
		expect(verifyTodoistSignature({ rawBody: fixtureBytes(path), secret, signature })).toBe(true);
		expect(todoistSign(fixtureBytes(path), secret)).toBe(signature);
	});
});

describe.each([
	{
		scheme: 'Intercom',
		verify: verifyIntercomSignature,
		sign: intercomSign,
		fixture: tagFixture,
		signature: knownAnswers.intercom[tagFixture],
	},
	{
		scheme: 'Todoist',
		verify: verifyTodoistSignature,
		sign: todoistSign,
		fixture: todoistFixture,
		signature: todoistSignature,
	},
])('$scheme: what both schemes reject and accept', ({ verify, sign, fixture, signature }) => {
	const rawBody = fixtureBytes(fixture);

	it.each([
		['a body with one byte changed', flipLastByte(rawBody)],
		['the body without its trailing newline', rawBody.subarray(0, rawBody.length - 1)],
		['the same JSON re-serialised', Buffer.from(JSON.stringify(JSON.parse(rawBody.toString())))],
		['an empty body', Buffer.alloc(0)],
	])('rejects %s', (_label, body) => {
		expect(verify({ rawBody: body, secret, signature })).toBe(false);
	});

	it.each([
		['a wrong secret', 'not-the-client-secret'],
		['a secret that differs only in case', secret.toUpperCase()],
		['an empty secret', ''],
		['no secret', undefined],
	])('rejects %s', (_label, key) => {
		expect(verify({ rawBody, secret: key, signature })).toBe(false);
	});

	it.each([
		['a missing header', undefined],
		['an empty header', ''],
		['a repeated header', [signature, signature]],
		['a truncated signature', signature.slice(0, -1)],
		['a signature missing two characters', signature.slice(0, -2)],
		['an overlong signature', `${signature}0`],
		['a signature with trailing text', `${signature},extra`],
	])('rejects %s', (_label, header) => {
		expect(verify({ rawBody, secret, signature: header })).toBe(false);
	});

	it('rejects a missing body', () => {
		expect(verify({ rawBody: undefined, secret, signature })).toBe(false);
	});

	it('rejects a body given as a string rather than the received bytes', () => {
		expect(verify({ rawBody: rawBody.toString() as unknown as Buffer, secret, signature })).toBe(false);
	});

	it('fails closed on an empty secret, even when the signature was made with the empty key', () => {
		expect(verify({ rawBody, secret: '', signature: sign(rawBody, '') })).toBe(false);
	});

	it('accepts a correctly signed empty body (the trigger then answers 400)', () => {
		const empty = Buffer.alloc(0);
		expect(verify({ rawBody: empty, secret, signature: sign(empty, secret) })).toBe(true);
	});

	it('handles a 5 MB body: correct signature passes, last byte changed fails', () => {
		const large = Buffer.alloc(5 * 1024 * 1024, '{"padding":"x"}');
		const largeSignature = sign(large, secret);
		expect(verify({ rawBody: large, secret, signature: largeSignature })).toBe(true);
		expect(verify({ rawBody: flipLastByte(large), secret, signature: largeSignature })).toBe(false);
	});
});

describe('Intercom header format', () => {
	const rawBody = fixtureBytes(tagFixture);
	const signature = knownAnswers.intercom[tagFixture];
	const hex = signature.slice('sha1='.length);

	it.each([
		['the hex without the sha1= prefix', hex],
		['a sha256= prefix', `sha256=${hex}`],
		['an upper-case SHA1= prefix', `SHA1=${hex}`],
		['a prefix followed by a space', `sha1= ${hex}`],
		['the prefix alone', 'sha1='],
		['non-hex characters', `sha1=${'z'.repeat(40)}`],
		['upper-case hex', `sha1=${hex.toUpperCase()}`],
		['the HMAC-SHA256 of the body', `sha1=${createHmac('sha256', secret).update(rawBody).digest('hex')}`],
	])('rejects %s', (_label, header) => {
		expect(verifyIntercomSignature({ rawBody, secret, signature: header })).toBe(false);
	});
});

describe('Todoist header format', () => {
	const rawBody = fixtureBytes(todoistFixture);
	const digest = Buffer.from(todoistSignature, 'base64');

	it.each([
		['the base64 of a longer digest', Buffer.concat([digest, Buffer.from([0])]).toString('base64')],
		['non-base64 characters', `${'!'.repeat(43)}=`],
		['a non-canonical spelling of the same digest', otherSpellingOf(todoistSignature)],
		['the digest in hex', digest.toString('hex')],
		['an Intercom-style sha256= prefix', `sha256=${todoistSignature}`],
		['the HMAC-SHA1 of the body', createHmac('sha1', secret).update(rawBody).digest('base64')],
	])('rejects %s', (_label, header) => {
		expect(verifyTodoistSignature({ rawBody, secret, signature: header })).toBe(false);
	});

	it('the non-canonical spelling above really decodes to the same digest', () => {
		expect(otherSpellingOf(todoistSignature)).not.toBe(todoistSignature);
		expect(Buffer.from(otherSpellingOf(todoistSignature), 'base64').equals(digest)).toBe(true);
	});

	it('rejects the URL-safe base64 spelling of a correct signature', () => {
		// Find a body whose signature contains + or /, so the URL-safe spelling really differs.
		let counter = 0;
		while (!/[+/]/.test(todoistSign(Buffer.from(String(counter)), secret))) counter++;
		const body = Buffer.from(String(counter));
		const urlSafe = todoistSign(body, secret).replace(/\+/g, '-').replace(/\//g, '_');
		expect(verifyTodoistSignature({ rawBody: body, secret, signature: todoistSign(body, secret) })).toBe(true);
		expect(verifyTodoistSignature({ rawBody: body, secret, signature: urlSafe })).toBe(false);
	});
});
