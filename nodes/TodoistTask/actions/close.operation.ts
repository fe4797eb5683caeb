import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { TodoistTransport } from '../transport/client';
import { dontEchoBackProperty } from '../../common/syncEchoes';
import { optionsCollection } from './options';
import { readTaskId, setCompletion, taskIdProperty } from './task';

const properties: INodeProperties[] = [taskIdProperty('The task to complete'), optionsCollection([dontEchoBackProperty('Intercom (its ticket closed or reopened)', 'item:completed webhook')])];

export const description = updateDisplayOptions({ show: { operation: ['close'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, todoist: TodoistTransport) {
	const dontEchoBack = this.getNodeParameter('options.dontEchoBack', itemIndex, false) === true;
	return await setCompletion(todoist, readTaskId(this, itemIndex), 'close', dontEchoBack);
}
