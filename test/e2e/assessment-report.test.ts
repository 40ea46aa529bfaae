/**
 * Results reporting, in a real n8n against the simulator: every completed assessment becomes a
 * row of a CSV file that n8n itself writes (n8n 2.x file-access rules apply). The template is
 * used as shipped, with its Google Sheets node disabled.
 */
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import type { Environment } from './environment';
import { startEnvironment } from './environment';

const { SANDBOX_SECRETS, SEED } = require('../../simulator');

jest.setTimeout(120_000);

const WORKFLOW = 'AtsResultReport1';
const TEST_ID = SEED.wecp.tests.javascriptFundamentals;
const HEADER = 'Recorded At,Completed At,Candidate,Email,Vendor,Assessment,Status,Score,Max Score,Percent,Result,Report,ATS Candidate ID,ATS Application ID';

let env: Environment;

async function control<T = any>(method: string, path: string, body?: unknown): Promise<T> {
	return await env.control<T>(method, path, body);
}

/** An invite made the way the Lever → WeCP template makes it, with the ATS ids as metadata. */
async function invite(name: string, email: string, applicationId: string): Promise<void> {
	const response = await fetch(`${env.sandbox.services.wecp.baseUrl}/ats/wecp/tests/${TEST_ID}/invite`, {
		method: 'POST',
		headers: { 'x-api-key': SANDBOX_SECRETS.wecp.apiKey, 'content-type': 'application/json' },
		body: JSON.stringify({ candidates: [{ name, email }], metadata: { candidateId: `contact-${applicationId}`, applicationId } }),
	});
	expect(response.status).toBe(200);
}

function reportLines(): string[] {
	return readFileSync(join(env.filesFolder, 'assessment-results.csv'), 'utf8').split('\n').filter((line) => line !== '');
}

beforeAll(async () => {
	env = await startEnvironment(['assessment-result-to-report-append.json']);
}, 20 * 60_000);

afterAll(async () => {
	await env?.stop();
});

describe('assessment results → CSV report in a real n8n', () => {
	it('is published although its Google Sheets node has no credential (the node is disabled)', async () => {
		expect(await control('GET', '/wecp/webhooks')).toHaveLength(1);
		expect(existsSync(join(env.filesFolder, 'assessment-results.csv'))).toBe(false);
	});

	it('starts the file with a header row and appends one row per result', async () => {
		await invite('Ada Lovelace', 'ada@example.com', 'opp-1');
		await invite('Bob "BJ" Jones, Jr.', 'bob@example.com', 'opp-2');
		await control('POST', '/wecp/complete', { testId: TEST_ID, email: 'ada@example.com', score: 85 });
		const [first] = await env.waitForExecutions(WORKFLOW, 1);
		expect(first.status).toBe('success');
		await control('POST', '/wecp/complete', { testId: TEST_ID, email: 'bob@example.com', score: 40 });
		const executions = await env.waitForExecutions(WORKFLOW, 2);
		expect(executions.every((execution) => execution.status === 'success')).toBe(true);
		const detail = await env.client.getExecution(first.id);
		expect(detail.nodes['Append to CSV File'].runs).toBe(1);

		const [header, ada, bob, ...rest] = reportLines();
		expect(header).toBe(HEADER);
		expect(rest).toEqual([]);
		expect(ada).toMatch(/^\d{4}-\d\d-\d\dT[^,]+Z,\d{4}-\d\d-\d\dT[^,]+Z,Ada Lovelace,ada@example.com,wecp,JavaScript Fundamentals,completed,85,100,85,pass,https?:\/\/[^,]+,contact-opp-1,opp-1$/);
		// A value with a comma or quotes is quoted, so the row keeps its 14 columns.
		expect(bob).toMatch(/,"Bob ""BJ"" Jones, Jr\.",bob@example.com,wecp,JavaScript Fundamentals,completed,40,100,40,fail,https?:\/\/[^,]+,contact-opp-2,opp-2$/);
	});
});
