/** iCIMS Trigger: polling, and the keys of the event receiver's Duplicate Window. */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { IcimsTrigger } from '../../../nodes/Icims/IcimsTrigger.node';
import { repeatsWithin } from '../../../nodes/shared/deliveryGate';
import { runPoll } from '../../helpers/harness';
import { API, credentials, credentialTypes, HOST, resolution } from './icimsTriggerFixtures';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('repeatsWithin: the keys of a Duplicate Window', () => {
	const WINDOW = 600_000;
	const item = (deliveryId?: string) => ({ json: deliveryId === undefined ? { raw: { a: 1 } } : { deliveryId } });
	const keyOf = (entry: { json: IDataObject }) => entry.json.deliveryId as string | undefined;

	it('records the current quarter of the window and looks at the four before', () => {
		const keys = repeatsWithin(WINDOW, keyOf, () => 10 * 150_000 + 1)(item('k'));
		expect(keys).toEqual(['delivery:k@10', 'delivery:k@9', 'delivery:k@8', 'delivery:k@7', 'delivery:k@6']);
	});

	it('shares a key with the same change within the window, and none past it', () => {
		const at = (ms: number) => repeatsWithin(WINDOW, keyOf, () => ms)(item('k'));
		const recorded = at(1_000_000)[0];
		expect(at(1_000_000 + WINDOW - 1)).toContain(recorded);
		expect(at(1_000_000 + WINDOW + 150_000)).not.toContain(recorded);
		expect(repeatsWithin(WINDOW, keyOf, () => 1_000_000)(item('other'))).not.toContain(recorded);
	});

	it('falls back to the content key for an item without one', () => {
		expect(repeatsWithin(WINDOW, keyOf)(item())).toHaveLength(1);
	});
});

describe('iCIMS Trigger: polling', () => {
	const parameters = { source: 'polling', statusIds: 'C36951' };

	function search(ids: number[], since?: string) {
		return nock(HOST)
			.post(`${API}/search/applicantworkflows`, (body: { filters: Array<{ name: string; value: string[]; operator: string }>; operator: string }) => {
				const [status, updated] = body.filters;
				return (
					body.operator === '&' &&
					status.name === 'applicantworkflow.status' && status.value.join() === 'C36951' &&
					updated.name === 'applicantworkflow.updateddate' && updated.operator === '>=' &&
					/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} (AM|PM)$/.test(updated.value[0]) &&
					(since === undefined || updated.value[0] === since)
				);
			})
			.reply(200, { searchResults: ids.map((id) => ({ id })) });
	}

	function workflow(id: number, status = 'C36951') {
		return nock(HOST)
			.get(`${API}/applicantworkflows/${id}`)
			.query({ fields: 'associatedprofile,baseprofile,status,updateddate' })
			.reply(200, {
				associatedprofile: { id: 2587 },
				baseprofile: { id: 1026 },
				status: { id: status, value: 'Video Interview', formattedvalue: 'Video Interview' },
				updateddate: '2026-02-01 05:30 PM',
			});
	}

	it('records what is there on the first poll, then emits each newly moved workflow once', async () => {
		const staticData: IDataObject = {};
		const first = search([1, 2]);
		expect(await runPoll(new IcimsTrigger(), { parameters, credentials, credentialTypes, staticData })).toBeNull();
		expect(first.isDone()).toBe(true);
		expect(staticData.cursor).toEqual(expect.any(Number));

		const second = search([1, 2, 3]);
		const details = workflow(3);
		const people = resolution();
		const emitted = await runPoll(new IcimsTrigger(), { parameters, credentials, credentialTypes, staticData });
		expect(emitted![0]).toHaveLength(1);
		expect(emitted![0][0].json).toMatchObject({
			ats: 'icims',
			applicationId: '3',
			candidateId: '2587',
			jobId: '1026',
			toStage: { id: 'C36951', name: 'Video Interview' },
			email: 'jane.doe@example.org',
			occurredAt: '2026-02-01T17:30:00.000Z',
		});
		expect(second.isDone() && details.isDone() && people.isDone()).toBe(true);

		search([1, 2, 3]);
		expect(await runPoll(new IcimsTrigger(), { parameters, credentials, credentialTypes, staticData })).toBeNull();
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('looks back 20 minutes from the cursor, because iCIMS search results can be 15 minutes stale', async () => {
		const cursor = Date.UTC(2026, 1, 1, 17, 30);
		search([], '2026-02-01 05:10 PM');
		expect(await runPoll(new IcimsTrigger(), { parameters, credentials, credentialTypes, staticData: { cursor, emitted: {} } })).toBeNull();
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('trusts the workflow over a stale search: one no longer in the status is neither emitted nor recorded', async () => {
		const staticData: IDataObject = { cursor: Date.now(), emitted: {} };
		search([5]);
		workflow(5, 'C2004');
		expect(await runPoll(new IcimsTrigger(), { parameters, credentials, credentialTypes, staticData })).toBeNull();
		expect(staticData.emitted).toEqual({});
	});

	it('shows the newest match as a sample in a manual run, recording nothing', async () => {
		const staticData: IDataObject = {};
		search([8, 9]);
		workflow(9);
		const sample = await runPoll(new IcimsTrigger(), {
			parameters: { ...parameters, options: { resolveCandidate: false } },
			credentials,
			credentialTypes,
			staticData,
			mode: 'manual',
		});
		expect(sample![0][0].json.applicationId).toBe('9');
		expect(staticData.cursor).toBeUndefined();
		expect(staticData.emitted).toEqual({});
	});

	it('adds the job filter to the search', async () => {
		const scope = nock(HOST)
			.post(`${API}/search/applicantworkflows`, (body: { filters: Array<{ name: string; value: string[] }> }) =>
				body.filters.some((filter) => filter.name === 'applicantworkflow.job.id' && filter.value.join() === '1026,1027'),
			)
			.reply(200, { searchResults: [] });
		await runPoll(new IcimsTrigger(), { parameters: { ...parameters, jobIds: '1026, 1027' }, credentials, credentialTypes, staticData: {} });
		expect(scope.isDone()).toBe(true);
	});

	it('needs at least one status, and refuses malformed ids before any request', async () => {
		await expect(runPoll(new IcimsTrigger(), { parameters: { source: 'polling', statusIds: '' }, credentials, credentialTypes, staticData: {} })).rejects.toThrow(
			'The field "Only Into Status IDs" is required for polling',
		);
		await expect(
			runPoll(new IcimsTrigger(), { parameters: { ...parameters, jobIds: '1026, ../x' }, credentials, credentialTypes, staticData: {} }),
		).rejects.toThrow('The field "Only Job IDs" has a value that is not an iCIMS ID');
	});

	it('does not poll in event receiver mode', async () => {
		expect(await runPoll(new IcimsTrigger(), { parameters: { source: 'events' }, credentials, credentialTypes, staticData: {} })).toBeNull();
	});
});
