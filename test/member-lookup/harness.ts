/**
 * Drives the Member Lookup node's real `execute()` with a mocked n8n context (only the context is
 * mocked: the node talks to a real MariaDB and the Supabase fake).
 */
import { mock } from 'jest-mock-extended';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeProperties,
	Logger,
} from 'n8n-workflow';

import { MemberLookup } from '../../nodes/MemberLookup/MemberLookup.node';
import { startMariaDb, type MariaDb } from '../support/mariadb';

export interface RunOptions {
	items: IDataObject[];
	parameters?: IDataObject;
	memberDatabase: ICredentialDataDecryptedObject | object;
	supabaseSyncApi?: ICredentialDataDecryptedObject | object;
	continueOnFail?: boolean;
	/** n8n's type of the node; an AI tool's ends in `Tool`. */
	nodeType?: string;
}

export interface RunResult {
	output: INodeExecutionData[];
	/** Every output the node returned; the first is `output`. */
	outputs: INodeExecutionData[][];
	logs: string[];
}

const node: INode = {
	id: 'member-lookup-test',
	name: 'Member Lookup',
	type: 'n8n-nodes-intercom-sync.memberLookup',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const description = new MemberLookup().description;

function defaultOf(name: string): unknown {
	return description.properties.find((property: INodeProperties) => property.name === name)?.default;
}

/** n8n resolves `={{ $json.field }}` per item; that is the only expression form these tests use. */
function resolve(value: unknown, item: IDataObject): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	const match = /^=\{\{\s*\$json\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/.exec(value);
	if (!match) throw new Error(`The test harness cannot evaluate the expression ${value}`);
	return item[match[1]];
}

export async function runLookup(options: RunOptions): Promise<RunResult> {
	const items: INodeExecutionData[] = options.items.map((json) => ({ json }));
	const parameters = options.parameters ?? {};
	const logs: string[] = [];
	const logger = mock<Logger>();
	logger.info.mockImplementation((message: string) => void logs.push(message));

	const context = mock<IExecuteFunctions>();
	context.getInputData.mockReturnValue(items);
	context.getNode.mockReturnValue(options.nodeType ? { ...node, type: options.nodeType } : node);
	context.continueOnFail.mockReturnValue(options.continueOnFail ?? false);
	Object.assign(context, { logger });
	context.getNodeParameter.mockImplementation(((name: string, itemIndex: number, fallback?: unknown) => {
		const value = name in parameters ? parameters[name] : (defaultOf(name) ?? fallback);
		return resolve(value, items[itemIndex]?.json ?? {});
	}) as IExecuteFunctions['getNodeParameter']);
	context.getCredentials.mockImplementation(async (name: string) => {
		const credentials = name === 'memberDatabase' ? options.memberDatabase : options.supabaseSyncApi;
		if (!credentials) throw new Error(`No credential ${name} in this test`);
		return credentials as ICredentialDataDecryptedObject;
	});

	const outputs = await new MemberLookup().execute.call(context);
	return { output: outputs[0], outputs, logs };
}

/** The `json` of each output item, for compact assertions. */
export function jsonOf(result: RunResult): IDataObject[] {
	return result.output.map((item) => item.json);
}

/** One private MariaDB for the calling test file, started before its tests and stopped after them. */
export function usePrivateMariaDb(prepare?: (db: MariaDb) => Promise<void>): () => MariaDb {
	let db: MariaDb | undefined;
	beforeAll(async () => {
		db = await startMariaDb();
		await prepare?.(db);
	});
	afterAll(async () => {
		await db?.stop();
	});
	return () => {
		if (!db) throw new Error('MariaDB is not running: use the getter inside tests or hooks');
		return db;
	};
}
