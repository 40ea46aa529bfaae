import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { leverList } from '../transport';

function byName(a: INodePropertyOptions, b: INodePropertyOptions): number {
	return a.name.localeCompare(b.name);
}

export async function getStages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	// Lever's own order is the pipeline order: keep it.
	const stages = await leverList(this, '/stages', {}, { returnAll: true, limit: 0 });
	return stages.map((stage) => ({ name: String(stage.text), value: String(stage.id) }));
}

export async function getPostings(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const postings = await leverList(this, '/postings', {}, { returnAll: true, limit: 0 });
	return postings
		.map((posting: IDataObject) => ({
			name: `${String(posting.text)}${posting.state && posting.state !== 'published' ? ` (${String(posting.state)})` : ''}`,
			value: String(posting.id),
		}))
		.sort(byName);
}

export async function getUsers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const users = await leverList(this, '/users', {}, { returnAll: true, limit: 0 });
	return users
		.filter((user) => !user.deactivatedAt)
		.map((user) => ({
			name: `${String(user.name)}${user.email ? ` <${String(user.email)}>` : ''}`,
			value: String(user.id),
		}))
		.sort(byName);
}
