/**
 * The end-to-end environment: the simulator, and a real pinned n8n with this package installed
 * the way a Community Nodes install lays it out, the demo credentials and every template
 * imported and published. Built once per test file.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

// Plain JS modules shared with `npm start`.
const runtime = require('../../scripts/lib/n8n-runtime');
const { provisionDemo } = require('../../scripts/lib/provision');
const { startSandbox } = require('../sandbox');

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
	client: {
		listExecutions(filter: { workflowId: string }): Promise<Execution[]>;
		getExecution(id: string): Promise<any>;
		deactivate(workflowId: string): Promise<unknown>;
		activate(workflowId: string): Promise<unknown>;
	};
	/** Waits until the workflow has at least `count` finished executions, and returns them. */
	waitForExecutions(workflowId: string, count: number, timeoutMs?: number): Promise<Execution[]>;
	logs(): string;
	stop(): Promise<void>;
}

const OWNER = { email: 'owner@example.com', password: 'AtsE2e-Passw0rd!' };

export interface EnvironmentOptions {
	/** Credentials imported besides the demo ones (CredentialSpec of scripts/lib/provision.js), e.g. of n8n's own nodes. */
	extraCredentials?: unknown[];
	/** Added to n8n's environment, e.g. HTTPS_PROXY; given the started simulator. */
	n8nEnv?: (sandbox: Environment['sandbox']) => Promise<Record<string, string>> | Record<string, string>;
}

/** Starts the environment with the given templates imported and published (file names). */
export async function startEnvironment(templates: string[], options: EnvironmentOptions = {}): Promise<Environment> {
	const log = (line: string) => process.stdout.write(`[e2e] ${line}\n`);
	const install = await runtime.ensureN8n({ log });
	const sandbox = await startSandbox();
	const userFolder = mkdtempSync(join(tmpdir(), 'ats-e2e-'));
	let n8n: any;
	try {
		await provisionDemo({ userFolder, sandbox, install, log, templates, extraCredentials: options.extraCredentials ?? [] });
		const env = options.n8nEnv ? await options.n8nEnv(sandbox) : {};
		// With the owner's login, startN8n also waits until every published trigger is registered.
		n8n = await runtime.startN8n({ userFolder, owner: OWNER, install, log, env });
	} catch (error) {
		await sandbox.close();
		rmSync(userFolder, { recursive: true, force: true });
		throw error;
	}
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

	return {
		sandbox,
		n8nUrl: n8n.url,
		client,
		waitForExecutions,
		logs: () => n8n.logs(),
		async stop() {
			await n8n.stop();
			await sandbox.close();
			rmSync(userFolder, { recursive: true, force: true });
		},
	};
}
