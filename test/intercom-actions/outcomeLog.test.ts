import type { WorkflowExecuteMode } from 'n8n-workflow';

import { IntercomContact } from '../../nodes/IntercomContact/IntercomContact.node';
import { useIntercomFake } from '../support/intercom-fake/jest';
import { executeContext } from '../support/intercomNodeRunner';
import { executeNode } from '../support/intercomNodeParameters';

const node = new IntercomContact();
const intercom = useIntercomFake({ customAttributes: ['member_number'] });

/** Writes `items` contacts, the first `known` of which already hold the same member number. */
async function writeMembers(items: number, known: number, mode: WorkflowExecuteMode = 'webhook') {
	for (let index = 0; index < known; index++) {
		intercom.fake.seed.user({ email: `member${index}@example.org`, custom_attributes: { member_number: String(index) } });
	}
	const context = executeContext(intercom.fake, {
		items,
		mode,
		continueOnFail: true,
		parameters: (index) => ({
			operation: 'upsert',
			email: index === items - 1 ? 'not an email' : `member${index}@example.org`,
			customAttributes: { attribute: [{ name: 'member_number', value: String(index) }] },
			options: { skipUnchanged: true },
		}),
	});
	await executeNode(node, context);
	return context.logger;
}

describe('Intercom nodes › a line in the log per run, saying how the items ended', () => {
	it('a batch of 50 or more goes to the log at info, with each outcome counted', async () => {
		const logger = await writeMembers(60, 20);
		expect(logger.info).toHaveBeenCalledWith('Intercom (upsert): 60 items: 20 unchanged, 39 created, 1 failed');
	});

	it('fewer items (a webhook, say) stay at debug, so busy workflows do not fill the log', async () => {
		const logger = await writeMembers(3, 1);
		expect(logger.info).not.toHaveBeenCalled();
		expect(logger.debug).toHaveBeenCalledWith('Intercom (upsert): 3 items: 1 unchanged, 1 created, 1 failed');
	});

	it('a run started otherwise (a page of the backfill, a schedule) goes to info whatever its size', async () => {
		const logger = await writeMembers(3, 1, 'integrated');
		expect(logger.info).toHaveBeenCalledWith('Intercom (upsert): 3 items: 1 unchanged, 1 created, 1 failed');
	});
});
