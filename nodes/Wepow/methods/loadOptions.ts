import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { isOpen } from '../positions';
import { wepowApi, wepowList } from '../transport';

const EVERYTHING = { returnAll: true, limit: 0 };

function byName(a: INodePropertyOptions, b: INodePropertyOptions): number {
	return a.name.localeCompare(b.name);
}

export async function getTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const api = await wepowApi(this);
	const templates = await wepowList(this, api.href('wepow:interview_templates'), 'wepow:interview_template', {}, EVERYTHING);
	return templates.map((template) => ({ name: String(template.name), value: String(template.id) })).sort(byName);
}

export async function getPositions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const api = await wepowApi(this);
	const positions = await wepowList(this, api.href('wepow:interviews'), 'wepow:interview', {}, EVERYTHING);
	return positions
		.map((position) => ({
			name: `${String(position.name)}${position.external_id ? ` (job ${String(position.external_id)})` : ''}${isOpen(position) ? '' : ` (${String(position.status)})`}`,
			value: String(position.id),
		}))
		.sort(byName);
}
