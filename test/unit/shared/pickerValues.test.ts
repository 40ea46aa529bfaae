/**
 * What a picker hands the operation: By URL is reduced to the id before the request, By ID is
 * checked as before, and From List searches ask the service (stubbed here) and filter by the text.
 */
import nock from 'nock';
import type { IDataObject, IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { IcimsApi } from '../../../credentials/IcimsApi.credentials';
import { LeverApi } from '../../../credentials/LeverApi.credentials';
import { Icims } from '../../../nodes/Icims/Icims.node';
import { Lever } from '../../../nodes/Lever/Lever.node';
import { searchOpportunities, searchStages } from '../../../nodes/Lever/methods/listSearch';
import { searchCandidates } from '../../../nodes/WiseWay/methods/listSearch';
import { locatorValue, matching } from '../../../nodes/shared/locator';
import { createDedupStore, runNode } from '../../helpers/harness';

const OPPORTUNITY = '250d8f03-738a-4bba-a671-8a3d73477145';
const lever = {
	credentials: { leverApi: { apiKey: 'k', environment: 'custom', baseUrl: 'https://lever.test/v1' } },
	credentialTypes: [new LeverApi()] as never,
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

/** A load-options context whose requests are answered by `answer` and recorded. */
function searchContext(answer: (options: IHttpRequestOptions) => unknown, current: IDataObject = {}) {
	const requests: IHttpRequestOptions[] = [];
	const context = {
		getNode: () => ({ name: 'Picker', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} }),
		getCredentials: async () => ({ apiKey: 'k', environment: 'custom', baseUrl: 'https://service.test/v1/' }),
		getCurrentNodeParameter: (name: string) => current[name],
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
				requests.push(options);
				return { statusCode: 200, headers: {}, body: answer(options) };
			},
		},
	} as unknown as ILoadOptionsFunctions;
	return { context, requests };
}

describe('picker values reach the request as ids', () => {
	it('reads a Lever candidate link as the opportunity id', async () => {
		const scope = nock('https://lever.test').get(`/v1/opportunities/${OPPORTUNITY}`).query(true).reply(200, { data: { id: OPPORTUNITY, name: 'Jane Doe' } });
		const { items, error } = await runNode(new Lever(), {
			...lever,
			parameters: { resource: 'opportunity', operation: 'get', opportunityId: locatorValue(`https://hire.lever.co/candidates/${OPPORTUNITY}?tab=feedback`, 'url') },
			dedupStore: createDedupStore(),
		});
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(items[0][0].json.id).toBe(OPPORTUNITY);
	});

	it('reads an iCIMS record link as the person number', async () => {
		const scope = nock('https://icims.test').get('/customers/4242/people/2001').query(true).reply(200, { firstname: 'Jane', lastname: 'Doe' });
		const { error } = await runNode(new Icims(), {
			credentials: { icimsApi: { customerId: '4242', authentication: 'basic', username: 'u', password: 'p', environment: 'custom', baseUrl: 'https://icims.test' } },
			credentialTypes: [new IcimsApi()] as never,
			parameters: { resource: 'person', operation: 'get', personId: locatorValue('https://api.icims.com/customers/4242/people/2001', 'url') },
			dedupStore: createDedupStore(),
		});
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('stops a typed id of the wrong form before the run, with the form expected', async () => {
		const { error } = await runNode(new Lever(), {
			...lever,
			parameters: { resource: 'opportunity', operation: 'get', opportunityId: locatorValue('../../users') },
			dedupStore: createDedupStore(),
		});
		// n8n checks the ID mode's pattern before the node runs, as the editor does.
		expect(error?.message).toContain('Expected letters, digits, "-" or "_"');
	});

	it('checks an id from an expression in the node and names the field', async () => {
		const { error } = await runNode(new Lever(), {
			...lever,
			parameters: { resource: 'opportunity', operation: 'get', opportunityId: locatorValue('={{ $json.id }}') },
			input: [{ json: { id: '../../users' } }],
			dedupStore: createDedupStore(),
		});
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe('The field "Opportunity ID" is not a Lever ID');
	});
});

describe('From List searches', () => {
	it('keeps the options whose name holds the text, or whose id is it', () => {
		const options = [
			{ name: 'Phone Screen', value: 'phone-screen' },
			{ name: 'On-site', value: 'onsite' },
		];
		expect(matching(options, 'phone').results.map((result) => result.value)).toEqual(['phone-screen']);
		expect(matching(options, 'ONSITE').results.map((result) => result.value)).toEqual(['onsite']);
		expect(matching(options, '').results).toHaveLength(2);
	});

	it('searches Lever stages by name', async () => {
		const { context } = searchContext(() => ({ data: [{ id: 'applicant-new', text: 'New applicant' }, { id: 'phone-screen', text: 'Phone screen' }], hasNext: false }));
		const found = await searchStages.call(context, 'phone');
		expect(found.results).toEqual([{ name: 'Phone screen', value: 'phone-screen' }]);
	});

	it('asks Lever for an e-mail and pages on with its token', async () => {
		const { context, requests } = searchContext(() => ({
			data: [{ id: OPPORTUNITY, name: 'Jane Doe', emails: ['jane@example.com'] }],
			hasNext: true,
			next: 'token-2',
		}));
		const found = await searchOpportunities.call(context, 'jane@example.com', 'token-1');
		expect(requests[0].qs).toMatchObject({ email: 'jane@example.com', offset: 'token-1' });
		expect(found.results).toEqual([{ name: 'Jane Doe <jane@example.com>', value: OPPORTUNITY, url: `https://hire.lever.co/candidates/${OPPORTUNITY}` }]);
		expect(found.paginationToken).toBe('token-2');
	});

	it('lists WiseWay candidates of the chosen position only, and none before one is chosen', async () => {
		const { context, requests } = searchContext(() => [{ id: 'c1', name: 'Jane Doe', email: 'jane@example.com' }], { positionId: 'pos-1' });
		const found = await searchCandidates.call(context, 'jane');
		expect(String(requests[0].url)).toContain('/positions/pos-1/candidates');
		expect(found.results).toEqual([{ name: 'Jane Doe <jane@example.com>', value: 'c1' }]);
		const none = searchContext(() => [], {});
		expect((await searchCandidates.call(none.context)).results).toEqual([]);
		expect(none.requests).toHaveLength(0);
	});
});
