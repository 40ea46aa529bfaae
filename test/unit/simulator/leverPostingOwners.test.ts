/**
 * The simulator models posting owners as Lever does (owner ids on postings, postingOwner on
 * expanded applications, e-mails on users) and WeCP's rule that the acting user is one of its users.
 */
import { SANDBOX_SECRETS, SEED, startSandbox } from '../../../simulator';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox;
const leverAuth = 'Basic ' + Buffer.from(`${SANDBOX_SECRETS.lever.apiKey}:`).toString('base64');

async function lever<T = any>(path: string): Promise<T> {
	const response = await fetch(sandbox.services.lever.baseUrl + path, { headers: { authorization: leverAuth } });
	expect(response.status).toBe(200);
	return (await response.json()) as T;
}

async function opportunityOn(postingId: string, email: string) {
	const response = await fetch(`${sandbox.url}/_control/lever/opportunities`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ name: 'Owner Test', email, postingId }),
	});
	return (await response.json()) as { id: string; owner: string };
}

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => {
	await sandbox.close();
});

describe('simulator: Lever posting owners', () => {
	it('gives a posting its owner id, the application postingOwner, and the user the e-mail', async () => {
		const posting = await lever(`/postings/${SEED.lever.postings.dataAnalyst}`);
		expect(posting.data.owner).toBe(SEED.lever.users.hiringManager);
		const opportunity = await opportunityOn(SEED.lever.postings.dataAnalyst, 'owned@example.com');
		const expanded = await lever(`/opportunities/${opportunity.id}?expand=applications`);
		expect(expanded.data.applications[0]).toMatchObject({ posting: SEED.lever.postings.dataAnalyst, postingOwner: SEED.lever.users.hiringManager });
		const user = await lever(`/users/${SEED.lever.users.hiringManager}`);
		expect(user.data.email).toBe('hiring.manager@example.com');
	});

	it('has a posting without an owner, whose candidates are owned by the recruiter', async () => {
		const posting = await lever(`/postings/${SEED.lever.postings.qaEngineer}`);
		expect(posting.data.owner).toBeNull();
		const opportunity = await opportunityOn(SEED.lever.postings.qaEngineer, 'ownerless@example.com');
		expect(opportunity.owner).toBe(SEED.lever.users.recruiter);
		const expanded = await lever(`/opportunities/${opportunity.id}?expand=applications`);
		expect(expanded.data.applications[0].postingOwner).toBeNull();
	});

	it('lets WeCP act only as one of its users', async () => {
		const asUser = async (email: string) =>
			(await fetch(`${sandbox.services.wecp.baseUrl}/ats/wecp/tests`, { headers: { 'x-api-key': SANDBOX_SECRETS.wecp.apiKey, 'wecp-user-email': email } })).status;
		expect(await asUser('hiring.manager@example.com')).toBe(200);
		expect(await asUser('interviewer@example.com')).toBe(403);
	});
});
