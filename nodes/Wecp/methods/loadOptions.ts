import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { wecpRequest } from '../transport';

export async function getTests(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { body } = await wecpRequest<IDataObject[]>(this, { method: 'GET', path: '/ats/wecp/tests' });
	return (Array.isArray(body) ? body : [])
		.map((test) => ({
			name: `${String(test.testName)}${test.status && test.status !== 'active' ? ` (${String(test.status)})` : ''}`,
			value: String(test.testId),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

export async function getTalentPools(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { body } = await wecpRequest<IDataObject[]>(this, { method: 'GET', path: '/ats/wecp/talentPools' });
	return (Array.isArray(body) ? body : [])
		.map((pool) => ({ name: String(pool.poolName ?? pool.name ?? pool.poolId), value: String(pool.poolId ?? pool.id) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
