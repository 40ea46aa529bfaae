import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { matching, plainValue, searchable } from '../../shared/locator';
import { WISEWAY_ID } from '../actions/common';
import { candidatesPath, EVERYTHING, wiseWayList } from '../transport';
import { getPositions } from './loadOptions';

export const searchPositions = searchable(getPositions);

export async function searchWebhooks(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const webhooks = await wiseWayList(this, '/webhooks', EVERYTHING);
	return matching(webhooks.map((webhook) => ({ name: String(webhook.url ?? webhook.id), value: String(webhook.id) })), filter);
}

/** Candidates of the position chosen above it; none until a position is chosen. */
export async function searchCandidates(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const positionId = String(plainValue(this.getCurrentNodeParameter('positionId', { extractValue: true })) ?? '').trim();
	if (!WISEWAY_ID.pattern.test(positionId)) return { results: [] };
	const candidates = await wiseWayList(this, candidatesPath(positionId), EVERYTHING);
	return matching(
		candidates.map((candidate) => ({
			name: `${String(candidate.name ?? candidate.id)}${candidate.email ? ` <${String(candidate.email)}>` : ''}`,
			value: String(candidate.id),
		})),
		filter,
	);
}
