// Runs PGlite in a worker thread for the Supabase test server. Plain JavaScript on purpose: Jest runs test
// files in a VM context where PGlite's dynamic import() of Node built-ins fails, and a worker is a clean
// Node context that needs no TypeScript loader. Protocol: { id, op, ... } in, { id, result | error } out.
'use strict';
const { parentPort } = require('node:worker_threads');
const { PGlite } = require('@electric-sql/pglite');

let db;

const operations = {
	async open({ template }) {
		db = await PGlite.create(template ? { loadDataDir: new Blob([template]) } : {});
	},
	async dump() {
		return new Uint8Array(await (await db.dumpDataDir('gzip')).arrayBuffer());
	},
	async query({ sql, params }) {
		const { rows } = await db.query(sql, params);
		return { rows };
	},
	async exec({ sql }) {
		return (await db.exec(sql)).map(({ rows }) => ({ rows }));
	},
	async close() {
		await db?.close();
	},
};

parentPort.on('message', async (message) => {
	try {
		parentPort.postMessage({ id: message.id, result: await operations[message.op](message) });
	} catch (error) {
		// Keep the Postgres error fields (SQLSTATE code, detail, hint) that the server maps to PostgREST errors.
		const { message: text, code, detail, hint } = error;
		parentPort.postMessage({ id: message.id, error: { message: String(text ?? error), code, detail, hint } });
	}
});
