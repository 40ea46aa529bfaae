/**
 * The lookups a node needs to find an invite or a write-back that may already be stored (its answer
 * lost), without sending it again: one per service, with the filters the vendor documents.
 */
import { SEED, startSandbox } from '../../../simulator';
import { client, type Json, type Sandbox } from './client';

let sandbox: Sandbox;
const { api, control } = client(() => sandbox);

beforeAll(async () => {
	sandbox = await startSandbox();
});

afterAll(async () => {
	await sandbox.close();
});

beforeEach(async () => {
	await control('POST', '/reset');
});

const body = async <T = Json>(res: Response): Promise<T> => (await res.json()) as T;

describe('WeCP: candidates of a test', () => {
	const test = SEED.wecp.tests.sqlBasics;

	it('answers "No candidate found" before any invite, then lists rows carrying the e-mail', async () => {
		const none = await api('wecp', `/ats/wecp/tests/${test}/candidates`);
		expect(none.status).toBe(404);
		expect(await none.text()).toBe('No candidate found');

		await api('wecp', `/ats/wecp/tests/${test}/invite`, {
			body: { candidates: [{ name: 'Ann Sql', email: 'Ann@Example.org' }, { name: 'Bo Sql', email: 'bo@example.org' }], metadata: { candidateId: 'lever-opp-1' } },
		});
		await api('wecp', `/ats/wecp/tests/${SEED.wecp.tests.pythonDataSkills}/invite`, { body: { candidates: [{ name: 'Ann Py', email: 'ann@example.org' }] } });

		const rows = await body<Json[]>(await api('wecp', `/ats/wecp/tests/${test}/candidates`));
		const ann = rows.filter((r) => r.candidateDetails.Email.toLowerCase() === 'ann@example.org');
		expect(rows).toHaveLength(2);
		expect(ann).toHaveLength(1);
		// The row has no metadata; the report of that candidate has it.
		const report = await body(await api('wecp', `/ats/wecp/candidates/${ann[0].candidateId}`));
		expect(report).toEqual(expect.objectContaining({ quizId: test, metadata: { candidateId: 'lever-opp-1' } }));
	});
});

describe('Willo: participants of an interview', () => {
	const interview = SEED.willo.interviews.backendEngineer;

	it('lists only that interview, each row with email, external_id and metadata, paged', async () => {
		for (const n of [1, 2, 3]) {
			const res = await api('willo', '/participants/', {
				body: { interview, name: `Pat ${n}`, email: `pat${n}@example.org`, external_id: `ats-${n}`, metadata: { leverOpportunityId: `opp-${n}` } },
			});
			expect(res.status).toBe(201);
		}
		await api('willo', '/participants/', { body: { interview: SEED.willo.interviews.dataAnalyst, name: 'Other', email: 'pat2@example.org' } });

		const first = await body(await api('willo', `/participants/?interview=${interview}&page_size=2`));
		expect(first.count).toBe(3);
		expect(first.next).toEqual(expect.stringContaining('page=2'));
		const second = await body(await api('willo', `/participants/?interview=${interview}&page_size=2&page=2`));
		expect(second.next).toBeNull();
		const rows: Json[] = [...first.results, ...second.results];
		expect(rows.map((r) => r.email)).toEqual(['pat1@example.org', 'pat2@example.org', 'pat3@example.org']);
		expect(rows.find((r) => r.external_id === 'ats-2')).toEqual(expect.objectContaining({ email: 'pat2@example.org', metadata: { leverOpportunityId: 'opp-2' } }));
	});
});

describe('WiseWay: candidates of a position', () => {
	it('lists that position only, with email and metadata, page by page', async () => {
		const position = SEED.wiseway.positions.backendEngineer;
		for (const n of [1, 2, 3]) {
			await api('wiseway', `/api/app/positions/${position}/candidates`, { body: { name: `Sam ${n}`, email: `sam${n}@example.org`, metadata: { atsId: `ats-${n}` } } });
		}
		await api('wiseway', `/api/app/positions/${SEED.wiseway.positions.customerSupport}/candidates`, { body: { name: 'Other', email: 'sam1@example.org' } });

		const page1 = await body<Json[]>(await api('wiseway', `/api/app/positions/${position}/candidates?page=1&limit=2`));
		const page2 = await body<Json[]>(await api('wiseway', `/api/app/positions/${position}/candidates?page=2&limit=2`));
		expect(page1).toHaveLength(2);
		expect(page2).toHaveLength(1); // a short page is the last
		const found = [...page1, ...page2].find((c) => c.email === 'sam3@example.org');
		expect(found).toEqual(expect.objectContaining({ positionId: position, metadata: { atsId: 'ats-3' } }));
	});
});

describe('Wepow: applications of an interview', () => {
	const interview = SEED.wepow.interviews.backendEngineer;
	const invite = (email: string, externalId: string) =>
		api('wepow', `/hypermedia/interviews/${interview}/applications`, { body: { candidate: { email, first_name: 'Q', last_name: 'R', external_id: externalId } } });

	it('filters by candidate e-mail (any case) and by external_id', async () => {
		await invite('quinn@example.org', 'ats-501');
		await invite('rae@example.org', 'ats-502');

		const all = await body(await api('wepow', `/hypermedia/interviews/${interview}/applications`));
		expect(all.count).toBe(2);

		const byEmail = await body(await api('wepow', `/hypermedia/interviews/${interview}/applications?email=QUINN@example.org`));
		expect(byEmail.count).toBe(1);
		expect(byEmail._embedded['wepow:application'][0]).toEqual(expect.objectContaining({
			external_id: 'ats-501', _embedded: expect.objectContaining({ 'wepow:candidate': expect.objectContaining({ email: 'quinn@example.org' }) }),
		}));

		const byExternal = await body(await api('wepow', `/hypermedia/interviews/${interview}/applications?external_id=ats-502`));
		expect(byExternal._embedded['wepow:application'].map((a: Json) => a.external_id)).toEqual(['ats-502']);

		const nobody = await body(await api('wepow', `/hypermedia/interviews/${interview}/applications?email=nobody@example.org`));
		expect(nobody.count).toBe(0);
		expect(nobody._embedded['wepow:application']).toEqual([]);
	});
});

describe('Lever: opportunities by e-mail, notes of an opportunity', () => {
	const performAs = SEED.lever.users.recruiter;

	it('finds the opportunity by e-mail and lists its notes oldest first, paged', async () => {
		const created = await control<Json>('POST', '/lever/opportunities', { name: 'Lou Note', email: 'lou@example.org' });
		await control('POST', '/lever/opportunities', { name: 'Other', email: 'other@example.org' });

		const byEmail = await body(await api('lever', '/opportunities?email=LOU@example.org'));
		expect(byEmail.data.map((o: Json) => o.id)).toEqual([created.id]);

		const empty = await body(await api('lever', `/opportunities/${created.id}/notes`));
		expect(empty).toEqual({ data: [], hasNext: false });

		for (const value of ['WeCP: 82% [run 1]', 'WeCP: 91% [run 2]', 'WeCP: 77% [run 3]']) {
			expect((await api('lever', `/opportunities/${created.id}/notes?perform_as=${performAs}`, { body: { value } })).status).toBe(201);
		}
		const first = await body(await api('lever', `/opportunities/${created.id}/notes?limit=2`));
		expect(first.hasNext).toBe(true);
		const second = await body(await api('lever', `/opportunities/${created.id}/notes?limit=2&offset=${first.next}`));
		expect(second).toEqual(expect.objectContaining({ hasNext: false }));
		const notes: Json[] = [...first.data, ...second.data];
		expect(notes.map((n) => n.text)).toEqual(['WeCP: 82% [run 1]', 'WeCP: 91% [run 2]', 'WeCP: 77% [run 3]']);
		expect(notes[0]).toEqual(expect.objectContaining({ user: performAs, fields: [{ type: 'text', text: 'Note', value: 'WeCP: 82% [run 1]' }] }));

		const unknown = await api('lever', '/opportunities/no-such-opportunity/notes');
		expect(unknown.status).toBe(404);
	});
});
