/** Every contract operation the fake implements; anything else answers 501 and is recorded. */
import { adminEventNoteBehaviours } from './admins-events-notes';
import { contactBehaviours } from './contacts';
import { conversationPartBehaviours } from './conversation-parts';
import { tagBehaviours } from './tags';
import { ticketBehaviours } from './tickets';
import type { Behaviours } from './types';

export const allBehaviours: Behaviours = {
	...contactBehaviours,
	...tagBehaviours,
	...conversationPartBehaviours,
	...ticketBehaviours,
	...adminEventNoteBehaviours,
};
