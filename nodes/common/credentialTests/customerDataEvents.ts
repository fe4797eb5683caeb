/**
 * What the Customer Data Events credential must hold. The trigger reads it with `readExpectedAuth` and n8n tests it
 * with `customerDataEventsCredentialTest`: one rule, so a credential that passes its test is one the trigger accepts.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { fieldText } from '../credentialProbe';

/** Keys, passwords and shared secrets shorter than this are refused: the credential test says so. */
export const MIN_SECRET_LENGTH = 16;

export type ExpectedAuth =
	| { kind: 'headerKey'; header: string; key: string }
	| { kind: 'basicAuth'; user: string; password: string }
	| { kind: 'segmentSignature'; secret: string; acceptFirstEventSignature: boolean };

/** What the credential asks for, or why it cannot be used (for the credential test and the log). */
export function readExpectedAuth(data: ICredentialDataDecryptedObject | IDataObject): { auth: ExpectedAuth } | { problem: string } {
	const long = (value: string) => value.length >= MIN_SECRET_LENGTH;
	switch (data.authentication ?? 'headerKey') {
		case 'headerKey': {
			const header = fieldText(data.headerName).toLowerCase();
			const key = fieldText(data.apiKey);
			if (!header) return { problem: 'Enter the Header Name the platform puts the key in, e.g. X-API-Key' };
			if (!long(key)) return { problem: `Enter an API Key of at least ${MIN_SECRET_LENGTH} characters (a long random value)` };
			return { auth: { kind: 'headerKey', header, key } };
		}
		case 'basicAuth': {
			const user = fieldText(data.user);
			const password = fieldText(data.password);
			if (!user || user.includes(':')) return { problem: 'Enter a User without ":" (Basic Auth cannot carry one)' };
			if (!long(password)) return { problem: `Enter a Password of at least ${MIN_SECRET_LENGTH} characters (a long random value)` };
			return { auth: { kind: 'basicAuth', user, password } };
		}
		case 'segmentSignature': {
			const secret = fieldText(data.sharedSecret);
			if (!long(secret)) return { problem: `Enter the Shared Secret set in Segment, at least ${MIN_SECRET_LENGTH} characters` };
			return { auth: { kind: 'segmentSignature', secret, acceptFirstEventSignature: data.acceptFirstEventSignature !== false } };
		}
		default:
			return { problem: 'Choose an Authentication' };
	}
}

export async function customerDataEventsCredentialTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const read = readExpectedAuth(credential.data ?? {});
	if ('problem' in read) return { status: 'Error', message: read.problem };
	const { auth } = read;
	const how =
		auth.kind === 'headerKey'
			? `send the header ${String(credential.data?.headerName).trim()} with this key`
			: auth.kind === 'basicAuth'
				? `send Basic Auth with this user and password`
				: `sign requests with this shared secret (X-Signature)`;
	return { status: 'OK', message: `The platform must ${how}` };
}
