import {
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
	NodeConnectionTypes,
} from 'n8n-workflow';

import { lookupApiCredentialTest, MIN_KEY_LENGTH, usableKey, type ExpectedKey, type LookupApiCredential } from '../common/credentialTests/lookupApi';
import { CREDENTIAL_TYPES } from '../common/credentialTypes';
import { readCredentialReused } from '../common/secretReuse';
import { answerWithoutRun } from '../common/signedWebhook';
import { readyOnPublishLifecycle } from '../common/triggerSetup';
import { isRecord } from '../common/jsonValues';
import { verifyApiKey } from '../common/webhookSignature';
import { pathFromParameter, TRIGGER_VERSIONS } from '../common/webhookWithoutEngine';

async function readExpectedKey(context: IWebhookFunctions): Promise<ExpectedKey | undefined> {
	// Reused for a second, as the signing triggers reuse their secrets; a credential without a usable key is read every time.
	try {
		return await readCredentialReused(
			context,
			CREDENTIAL_TYPES.lookupApi,
			(data) => usableKey(data as LookupApiCredential),
			(expected) => expected !== undefined,
		);
	} catch (error) {
		context.logger.warn(`Member Lookup API Trigger "${context.getNode().name}" could not read its credential: ${(error as Error).message}`);
		return undefined;
	}
}

/**
 * An HTTP endpoint for other systems, protected by an API key in a header. Unlike n8n's Webhook node with
 * Header Auth, it checks the key before any execution starts and hands the workflow only the body and query:
 * request headers, and so the key, never reach the stored executions.
 */
export class MemberLookupApiTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Member Lookup API Trigger',
		name: 'memberLookupApiTrigger',
		icon: { light: 'file:memberLookupApi.svg', dark: 'file:memberLookupApi.dark.svg' },
		group: ['trigger'],
		...TRIGGER_VERSIONS,
		subtitle: '={{"POST /webhook/" + $parameter["path"]}}',
		description: 'Starts the workflow when another system calls it with the right API key; a Respond to Webhook node answers',
		defaults: { name: 'Member Lookup API Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPES.lookupApi, required: true, testedBy: 'lookupApiCredentialTest' }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'responseNode', ...pathFromParameter, isFullPath: true }],
		properties: [
			{
				displayName:
					'Callers send a POST with a JSON body and the API key in the header named in the credential. A wrong or missing key is answered 403 and starts nothing. Answer them with a Respond to Webhook node.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Path',
				name: 'path',
				type: 'string',
				default: 'member-lookup',
				required: true,
				placeholder: 'member-lookup',
				description: 'The address after /webhook/ that callers use, e.g. member-lookup for https://your-n8n/webhook/member-lookup',
			},
		],
	};

	methods = { credentialTest: { lookupApiCredentialTest } };

	webhookMethods = { default: readyOnPublishLifecycle() };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const expected = await readExpectedKey(this);
		if (!expected) {
			this.logger.warn(
				`Member Lookup API Trigger "${this.getNode().name}" refused a request because its credential has no usable API key: set one of at least ${MIN_KEY_LENGTH} characters.`,
			);
			return answerWithoutRun(this, 403, 'Missing or wrong API key');
		}
		if (!verifyApiKey(expected.key, this.getHeaderData()[expected.header] as string | string[] | undefined)) {
			return answerWithoutRun(this, 403, 'Missing or wrong API key');
		}
		const body = this.getBodyData();
		return { workflowData: [[{ json: { body: isRecord(body) ? body : {}, query: this.getQueryData() as Record<string, string> } }]] };
	}
}
