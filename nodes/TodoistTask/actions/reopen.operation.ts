import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { TodoistTransport } from '../transport/client';
import { dontEchoBackProperty } from '../../common/syncEchoes';
import { optionsCollection } from './options';
import { readTaskId, setCompletion, taskIdProperty } from './task';

const properties: INodeProperties[] = [taskIdProperty('The completed task to make active again'), optionsCollection([dontEchoBackProperty('Intercom (its ticket closed or reopened)', 'item:uncompleted webhook')])];

export const description = updateDisplayOptions({ show: { operation: ['reopen'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, todoist: TodoistTransport) {
	const dontEchoBack = this.getNodeParameter('options.dontEchoBack', itemIndex, false) === true;
	return await setCompletion(todoist, readTaskId(this, itemIndex), 'reopen', dontEchoBack);
}
