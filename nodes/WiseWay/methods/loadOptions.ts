import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { EVERYTHING, wiseWayList } from '../transport';

export async function getPositions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const positions = await wiseWayList(this, '/positions', EVERYTHING);
	return positions
		.map((position) => ({
			name: `${String(position.title)}${position.status && position.status !== 'active' ? ` (${String(position.status)})` : ''}`,
			value: String(position.id),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
