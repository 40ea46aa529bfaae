/**
 * One fetch helper per simulated service, with that service's credentials, for the unit tests of the
 * simulator's control switches (duplicate rules, commit-drop, rate limit) and lookups.
 */
import { SANDBOX_SECRETS, startSandbox } from '../../../simulator';

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
export type Json = Record<string, any>;
export interface LogEntry { service: string; method: string; path: string; status: number | null; fault?: string; rateLimited?: true }

type Init = { method?: string; body?: unknown };

const secrets = SANDBOX_SECRETS as Record<string, Record<string, string>>;
const basic = (user: string, password: string) => 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');

/** The headers each service wants on every API call. */
const AUTH_HEADERS: Record<string, Record<string, string>> = {
	lever: { authorization: basic(secrets.lever.apiKey, '') },
	wecp: { 'x-api-key': secrets.wecp.apiKey },
	willo: { authorization: secrets.willo.apiKey },
	wiseway: { 'x-api-key': secrets.wiseway.apiKey },
	wepow: { authorization: basic(secrets.wepow.username, secrets.wepow.apiKey), accept: 'application/hal+json' },
};

export function client(sandbox: () => Sandbox) {
	/** An API call to one service; the response as fetch gives it (rejects when the socket is dropped). */
	function api(service: keyof typeof AUTH_HEADERS, path: string, init: Init = {}): Promise<Response> {
		return fetch(sandbox().services[service].baseUrl + path, {
			method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
			headers: { 'content-type': 'application/json', ...AUTH_HEADERS[service] },
			body: init.body === undefined ? undefined : JSON.stringify(init.body),
		});
	}

	/** A control call; throws on a non-2xx answer so a broken switch fails the test loudly. */
	async function control<T = Json>(method: string, path: string, body?: unknown): Promise<T> {
		const res = await fetch(`${sandbox().url}/_control${path}`, {
			method,
			headers: { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (!res.ok) throw new Error(`${method} /_control${path} → ${res.status} ${await res.text()}`);
		return (await res.json()) as T;
	}

	/** A control call expected to be refused: its status. */
	async function controlStatus(method: string, path: string, body?: unknown): Promise<number> {
		const res = await fetch(`${sandbox().url}/_control${path}`, {
			method,
			headers: { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		await res.arrayBuffer();
		return res.status;
	}

	return { api, control, controlStatus };
}
