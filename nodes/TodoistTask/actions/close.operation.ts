import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { TodoistTransport } from '../transport/client';
import { optionsCollection } from './options';
import { readTaskId, setCompletion, taskIdProperty } from './task';

const properties: INodeProperties[] = [taskIdProperty('The task to complete'), optionsCollection()];

export const description = updateDisplayOptions({ show: { operation: ['close'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, todoist: TodoistTransport) {
	return await setCompletion(todoist, readTaskId(this, itemIndex), 'close');
}
