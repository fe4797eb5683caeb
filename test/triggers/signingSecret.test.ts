/**
 * The signing secrets have field names of their own (n8n's editor labels any field named `clientSecret`
 * "Client Secret"), and credentials saved under the old name keep working. n8n hands a node only the fields the
 * credential type declares, so these tests pass the stored data through n8n's own getNodeParameters first.
 */
import {
	NodeHelpers,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type INodeParameters,
	type INodeType,
} from 'n8n-workflow';

import { IntercomSyncApi } from '../../credentials/IntercomSyncApi.credentials';
import { TodoistSyncApi } from '../../credentials/TodoistSyncApi.credentials';
import { IntercomTrigger } from '../../nodes/IntercomTrigger/IntercomTrigger.node';
import { TodoistTrigger } from '../../nodes/TodoistTrigger/TodoistTrigger.node';
import { readSigningSecret } from '../../nodes/common/signingSecret';
import { bufferedPost, expectAnsweredWithoutRun, webhookReceiver, type WebhookCall } from '../support/webhookContext';
import { fixtureBytes, knownAnswers } from '../support/webhookFixtures';

const { secret } = knownAnswers;
const INTERCOM = 'intercom/conversation.user.created.json';
const TODOIST = 'todoist/item_added.json';

/** The credential as n8n hands it to the node: defaults applied, undeclared fields dropped. */
const asN8nHandsItOver = (credential: ICredentialType, stored: INodeParameters) =>
	NodeHelpers.getNodeParameters(credential.properties, stored, true, false, null, null) as IDataObject;

describe.each([
	{
		credential: new IntercomSyncApi() as ICredentialType,
		trigger: new IntercomTrigger() as INodeType,
		field: 'webhookClientSecret',
		label: 'Webhook Client Secret',
		delivery: (): Pick<WebhookCall, 'request' | 'headers'> => ({
			request: bufferedPost(fixtureBytes(INTERCOM)),
			headers: { 'x-hub-signature': knownAnswers.intercom[INTERCOM] },
		}),
	},
	{
		credential: new TodoistSyncApi() as ICredentialType,
		trigger: new TodoistTrigger() as INodeType,
		field: 'appClientSecret',
		label: 'App Client Secret',
		delivery: (): Pick<WebhookCall, 'request' | 'headers'> => ({
			request: bufferedPost(fixtureBytes(TODOIST)),
			headers: { 'x-todoist-hmac-sha256': knownAnswers.todoist[TODOIST] },
		}),
	},
])('$credential.displayName: $label', ({ credential, trigger, field, label, delivery }) => {
	const receive = webhookReceiver(trigger, {});
	const receiveWith = async (stored: INodeParameters) =>
		await receive({ ...delivery(), credentials: asN8nHandsItOver(credential, stored) });

	it('is a visible secret field whose name n8n does not relabel', () => {
		const property = credential.properties.find((candidate) => candidate.displayName === label);
		expect(property).toMatchObject({ name: field, type: 'string', typeOptions: { password: true } });
		expect(['clientId', 'clientSecret']).not.toContain(field);
	});

	it('keeps the old field hidden and redacted, so a secret saved under it survives', () => {
		const old = credential.properties.find((candidate) => candidate.name === 'clientSecret');
		expect(old).toMatchObject({ type: 'hidden', typeOptions: { password: true }, default: '' });
	});

	it('starts a run with the secret in its own field', async () => {
		expect((await receiveWith({ [field]: secret })).result.workflowData).toHaveLength(1);
	});

	it('starts a run for a credential saved before the rename (secret under clientSecret)', async () => {
		expect((await receiveWith({ clientSecret: secret })).result.workflowData).toHaveLength(1);
	});

	it('prefers its own field over the old one', async () => {
		expect((await receiveWith({ [field]: secret, clientSecret: 'stale-secret' })).result.workflowData).toHaveLength(1);
		expectAnsweredWithoutRun(await receiveWith({ [field]: 'new-wrong-secret', clientSecret: secret }), 401);
	});

	it('refuses every webhook when neither field holds a secret', async () => {
		expectAnsweredWithoutRun(await receiveWith({ [field]: ' ', clientSecret: '' }), 401);
	});
});

describe('readSigningSecret', () => {
	it.each([
		['its own field, trimmed', { appClientSecret: ' new\n', clientSecret: 'old' }, 'new'],
		['the old field when its own is empty', { appClientSecret: '', clientSecret: ' old ' }, 'old'],
		['the old field when its own is only whitespace', { appClientSecret: ' \n', clientSecret: 'old' }, 'old'],
		['the old field when its own is missing', { clientSecret: 'old' }, 'old'],
		['nothing when neither is set', { appClientSecret: '', clientSecret: '' }, ''],
		['nothing for values that are not text', { appClientSecret: 42, clientSecret: true }, ''],
	])('reads %s', (_label, data, expected) => {
		expect(readSigningSecret(data as ICredentialDataDecryptedObject, 'appClientSecret')).toBe(expected);
	});
});
