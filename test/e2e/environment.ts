/**
 * The end-to-end environment: the simulator, and a real pinned n8n with this package installed
 * the way a Community Nodes install lays it out, the demo credentials and every template
 * imported and published. Built once per test file. SQLite by default; PostgreSQL (a throwaway
 * cluster) with `database: 'postgres'` or ATS_E2E_DATABASE=postgres.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

// Plain JS modules shared with `npm start`.
const { TEMPLATES_DIR } = require('../../scripts/lib/paths');
const { startStack, databaseFrom } = require('../../scripts/lib/stack');
const { startQueueStack } = require('../../scripts/lib/queue-stack');
const { startSandbox } = require('../../simulator');
const { usePostgres } = require('./lib/n8n-db');

export type Database = 'sqlite' | 'postgres';

export interface Execution {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
}

export interface Environment {
	sandbox: {
		url: string;
		state: Record<string, any>;
		services: Record<string, { baseUrl: string }>;
		settle(): Promise<void>;
		close(): Promise<void>;
	};
	n8nUrl: string;
	/** Where the services deliver webhooks: n8n itself, or in queue mode the webhook processor. */
	webhookUrl: string;
	/** Queue mode's processes and Redis (with `queue: true`). */
	queue?: {
		workers: Array<{ name: string; logs(): string; kill(): void; restart(): Promise<void> }>;
		webhook: { url: string; logs(): string };
		redis: { port: number; restart(): Promise<void> };
	};
	/** The database n8n runs on. */
	database: Database;
	/** PostgreSQL's connection when `database` is postgres. */
	postgres?: { host: string; port: number; database: string; user: string; password: string };
	/** n8n's user folder: its database and config live under .n8n/. */
	userFolder: string;
	/** The folder n8n may read and write files in (N8N_RESTRICT_FILE_ACCESS_TO), `.n8n-files` in its working directory. */
	filesFolder: string;
	client: {
		listExecutions(filter: { workflowId: string }): Promise<Execution[]>;
		getExecution(id: string): Promise<any>;
		deactivate(workflowId: string): Promise<unknown>;
		activate(workflowId: string): Promise<unknown>;
		getWorkflow(workflowId: string): Promise<any>;
		/** A call to n8n's internal REST API (below /rest) as the owner; answers the `data` of n8n's envelope. */
		request(method: string, route: string, body?: unknown): Promise<any>;
	};
	/** Calls the simulator's control API (`/_control<path>`); throws on a non-2xx answer. */
	control<T = any>(method: string, path: string, body?: unknown): Promise<T>;
	/** Waits until the workflow has at least `count` finished executions, and returns them. */
	waitForExecutions(workflowId: string, count: number, timeoutMs?: number): Promise<Execution[]>;
	logs(): string;
	stop(): Promise<void>;
}

const OWNER = { email: 'owner@example.com', password: 'AtsE2e-Passw0rd!' };

/** Polls until the check holds or the time is up; says which. */
export async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, intervalMs = 500): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await check()) return true;
		if (Date.now() > deadline) return false;
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}

/** A workflow a test adds beside the templates, e.g. a template changed the way a user would. */
export interface ExtraWorkflow {
	file: string;
	workflow: Record<string, any>;
}

/** A template as a plain object, to derive a test's own variant from. */
export function readTemplate(file: string): Record<string, any> {
	return JSON.parse(readFileSync(join(TEMPLATES_DIR, file), 'utf8'));
}

export interface EnvironmentOptions {
	/** Credentials imported besides the demo ones (CredentialSpec of scripts/lib/provision.js), e.g. of n8n's own nodes. */
	extraCredentials?: unknown[];
	/** Added to n8n's environment, e.g. HTTPS_PROXY; given the started simulator. */
	n8nEnv?: (sandbox: Environment['sandbox']) => Promise<Record<string, string>> | Record<string, string>;
	/** n8n's database; default ATS_E2E_DATABASE, else sqlite. */
	database?: Database;
	/** n8n in queue mode: PostgreSQL, Redis, main + a webhook processor + two workers. */
	queue?: boolean;
	/** The n8n version to run (not in queue mode); default the pinned N8N_VERSION. N8N_1X_VERSION runs the pinned 1.x. */
	n8nVersion?: string;
}

/**
 * Starts the environment with the given templates (file names), and any extra workflows,
 * imported and published.
 */
export async function startEnvironment(templates: string[], extraWorkflows: ExtraWorkflow[] = [], options: EnvironmentOptions = {}): Promise<Environment> {
	const log = (line: string) => process.stdout.write(`[e2e] ${line}\n`);
	const database: Database = options.queue ? 'postgres' : (options.database ?? databaseFrom(process.env.ATS_E2E_DATABASE));
	const sandbox = await startSandbox();
	const userFolder = mkdtempSync(join(tmpdir(), 'ats-e2e-'));
	// What this run imports, in one folder: the named templates as they ship, and the extras.
	const workflowsDir = join(userFolder, 'workflows-to-import');
	let stack: any;
	try {
		mkdirSync(workflowsDir);
		for (const file of templates) copyFileSync(join(TEMPLATES_DIR, file), join(workflowsDir, file));
		for (const extra of extraWorkflows) writeFileSync(join(workflowsDir, extra.file), JSON.stringify(extra.workflow));
		const env = options.n8nEnv ? await options.n8nEnv(sandbox) : {};
		// Returns once every template is published and its triggers are registered.
		stack = await (options.queue ? startQueueStack : startStack)({
			userFolder,
			sandbox,
			owner: OWNER,
			database,
			env,
			log,
			templatesDir: workflowsDir,
			templates: [...templates, ...extraWorkflows.map((extra) => extra.file)],
			extraCredentials: options.extraCredentials ?? [],
			...(options.n8nVersion ? { n8nVersion: options.n8nVersion } : {}),
		});
	} catch (error) {
		await sandbox.close();
		rmSync(userFolder, { recursive: true, force: true });
		throw error;
	}
	const n8n = stack.n8n;
	// lib/n8n-db.js reads this n8n's database: tell it where that is.
	if (stack.postgres) usePostgres(userFolder, stack.postgres);
	const client = n8n.client;

	const waitForExecutions = async (workflowId: string, count: number, timeoutMs = 60_000): Promise<Execution[]> => {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const finished = ((await client.listExecutions({ workflowId })) as Execution[]).filter(
				(execution) => !['running', 'new', 'waiting'].includes(execution.status),
			);
			if (finished.length >= count) return finished;
			if (Date.now() > deadline) {
				throw new Error(`Workflow ${workflowId} has ${finished.length} finished executions, expected ${count}`);
			}
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	};

	const control = async <T = any>(method: string, path: string, body?: unknown): Promise<T> => {
		const response = await fetch(`${sandbox.url}/_control${path}`, {
			method,
			headers: { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
		return (text ? JSON.parse(text) : undefined) as T;
	};

	return {
		sandbox,
		n8nUrl: n8n.url,
		webhookUrl: stack.webhook?.url ?? n8n.url,
		queue: options.queue ? { workers: stack.workers, webhook: stack.webhook, redis: stack.redis } : undefined,
		database,
		postgres: stack.postgres && {
			host: stack.postgres.host,
			port: stack.postgres.port,
			database: stack.postgres.database,
			user: stack.postgres.user,
			password: stack.postgres.password,
		},
		control,
		userFolder,
		filesFolder: join(userFolder, '.n8n-files'),
		client,
		waitForExecutions,
		logs: () => [n8n.logs(), stack.webhook?.logs() ?? '', ...(stack.workers ?? []).map((worker: any) => worker.logs())].join('\n'),
		async stop() {
			try {
				await stack.stop();
			} finally {
				usePostgres(userFolder, null);
				await sandbox.close();
			}
			rmSync(userFolder, { recursive: true, force: true });
		},
	};
}
