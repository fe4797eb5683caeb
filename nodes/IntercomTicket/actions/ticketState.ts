import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** What the node does with the ticket's open/closed state. */
export type TicketState = 'leaveAsIs' | 'open' | 'closed';

const STATES: TicketState[] = ['closed', 'leaveAsIs', 'open'];

export const ticketStateProperty: INodeProperties = {
	displayName: 'Ticket State',
	name: 'ticketState',
	type: 'options',
	default: 'leaveAsIs',
	description: 'Whether to open or close the ticket. A new ticket starts open unless you choose Closed.',
	hint: 'In an expression, give one of: open, closed, leaveAsIs',
	options: [
		{ name: 'Closed', value: 'closed', description: 'Close the ticket (a new ticket is created, then closed)' },
		{ name: 'Leave As Is', value: 'leaveAsIs', description: 'Keep the state the ticket has in Intercom' },
		{ name: 'Open', value: 'open', description: 'Reopen the ticket if it was closed' },
	],
};

/**
 * The state asked for this item. Read per item so a workflow can pass it with an expression; an empty
 * value leaves the state alone, anything else unknown is an error rather than a guess.
 */
export function readTicketState(context: IExecuteFunctions, itemIndex: number): TicketState {
	const raw = context.getNodeParameter('ticketState', itemIndex, 'leaveAsIs');
	const text = String(raw ?? '').trim();
	if (text === '') return 'leaveAsIs';
	const state = STATES.find((candidate) => candidate.toLowerCase() === text.toLowerCase());
	if (state) return state;
	throw new NodeOperationError(context.getNode(), `Ticket State "${text}" is not one of open, closed or leaveAsIs`, {
		itemIndex,
		description: 'Choose a state from the list, or make the expression give open, closed or leaveAsIs.',
	});
}

/** The `open` flag for Intercom's update request, or undefined to leave it out. */
export function openFlag(state: TicketState): boolean | undefined {
	if (state === 'leaveAsIs') return undefined;
	return state === 'open';
}
