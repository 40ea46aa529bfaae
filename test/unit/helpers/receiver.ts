/**
 * A local webhook receiver for unit tests: an HTTP server on a free 127.0.0.1 port that stands in
 * for n8n's webhook server. It keeps every request in arrival order and answers each (200 with no
 * body unless the test says otherwise).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the receiver read it. */
export interface IncomingCall {
	method: string;
	/** path and query, as sent */
	url: string;
	headers: http.IncomingHttpHeaders;
	/** the body's bytes, exactly as sent */
	raw: Buffer;
}

export interface Answer {
	status?: number;
	headers?: http.OutgoingHttpHeaders;
	body?: string;
}

export interface ReceiverOptions<T> {
	/** the path of the URL handed out (default n8n's shape, /webhook/abc/webhook) */
	path?: string;
	/** what to keep of each request (default the request itself) */
	record?: (call: IncomingCall) => T;
	/** the array to keep them in (default a new one) */
	received?: T[];
	/** the answer to each request (default 200, no body) */
	answer?: (call: IncomingCall) => Answer | Promise<Answer>;
}

export interface Receiver<T> {
	/** http://127.0.0.1:<port><path> */
	url: string;
	received: T[];
	close(): Promise<void>;
}

export async function startReceiver<T = IncomingCall>(options: ReceiverOptions<T> = {}): Promise<Receiver<T>> {
	const received = options.received ?? [];
	const record = options.record ?? ((call: IncomingCall) => call as unknown as T);
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const call: IncomingCall = { method: req.method ?? 'GET', url: req.url ?? '', headers: req.headers, raw: Buffer.concat(chunks) };
			received.push(record(call));
			if (!options.answer) {
				res.writeHead(200).end();
				return;
			}
			void Promise.resolve(options.answer(call)).then((answer) => {
				res.writeHead(answer.status ?? 200, answer.headers).end(answer.body);
			});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}${options.path ?? '/webhook/abc/webhook'}`,
		received,
		close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
	};
}
