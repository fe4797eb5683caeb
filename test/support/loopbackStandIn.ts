/**
 * Small loopback HTTP servers for credential tests: one that answers each request as the test says and records
 * it, one that accepts connections and never answers, and a port nothing listens on.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from 'node:net';

export interface SeenRequest {
	method: string;
	path: string;
	/** The query string without `?`, '' when there is none. */
	query: string;
	headers: IncomingHttpHeaders;
}

/** An object body is sent as JSON, a string as HTML (what a wrong address tends to answer with). */
export interface Reply {
	status: number;
	body?: object | string;
}

export interface StandIn {
	baseUrl: string;
	/** Every request received, in order. */
	seen: SeenRequest[];
	close(): Promise<void>;
}

const portOf = (server: Server | TcpServer) => (server.address() as AddressInfo).port;

function closeServer(server: Server | TcpServer): Promise<void> {
	return new Promise<void>((resolve, reject) => {
		server.close((error) => (error ? reject(error) : resolve()));
		if ('closeAllConnections' in server) server.closeAllConnections();
	});
}

export async function startStandIn(answer: (request: SeenRequest) => Reply): Promise<StandIn> {
	const seen: SeenRequest[] = [];
	const server = createServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://loopback');
		const received = { method: request.method ?? '', path: url.pathname, query: url.search.slice(1), headers: request.headers };
		seen.push(received);
		const { status, body } = answer(received);
		const [type, text] = typeof body === 'string' ? ['text/html', body] : ['application/json', JSON.stringify(body ?? {})];
		response.writeHead(status, { 'content-type': type, connection: 'close' }).end(text);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { baseUrl: `http://127.0.0.1:${portOf(server)}`, seen, close: () => closeServer(server) };
}

/** Accepts connections and never says a word: what a firewall that swallows packets looks like to a client. */
export async function startSilentServer(): Promise<{ baseUrl: string; close(): Promise<void> }> {
	const sockets = new Set<import('node:net').Socket>();
	const server = createTcpServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		baseUrl: `http://127.0.0.1:${portOf(server)}`,
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await closeServer(server);
		},
	};
}

/** A loopback port that was free a moment ago and now refuses connections. */
export async function closedLoopbackPort(): Promise<number> {
	const server = createTcpServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = portOf(server);
	await closeServer(server);
	return port;
}
