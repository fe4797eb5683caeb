import type { IntercomOperation } from '../../shared/intercom/router';
import * as archive from './archive.operation';
import * as get from './get.operation';
import * as mergeLeadIntoUser from './mergeLeadIntoUser.operation';
import * as searchByEmail from './searchByEmail.operation';
import * as upsert from './upsert.operation';

export const contactOperations: Record<string, IntercomOperation> = {
	archive,
	get,
	mergeLeadIntoUser,
	searchByEmail,
	upsert,
};
