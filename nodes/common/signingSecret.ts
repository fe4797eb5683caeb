import type { ICredentialDataDecryptedObject, INodeProperties } from 'n8n-workflow';

/**
 * Where the signing secrets of the Intercom and Todoist credentials were saved before they had names of their
 * own. n8n's editor labels every field named `clientSecret` "Client Secret", whatever its displayName says, so
 * the form never showed which secret it wanted.
 */
export const OLD_SIGNING_SECRET_FIELD = 'clientSecret';

/**
 * Keeps a secret saved under the old name readable: n8n drops every stored value its credential type does not
 * declare before a node sees the credential. Hidden in the form, and redacted like the field it replaces.
 */
export const oldClientSecretProperty: INodeProperties = {
	displayName: 'Client Secret Saved Under the Old Field Name',
	name: OLD_SIGNING_SECRET_FIELD,
	type: 'hidden',
	typeOptions: { password: true },
	default: '',
};

/** The signing secret from `field`, or from the old field for a credential saved before the rename. */
export function readSigningSecret(data: ICredentialDataDecryptedObject, field: string): string {
	for (const value of [data[field], data[OLD_SIGNING_SECRET_FIELD]]) {
		// Pasted secrets often carry a stray space or newline; real client secrets never contain whitespace.
		if (typeof value === 'string' && value.trim() !== '') return value.trim();
	}
	return '';
}
