import type { IDataObject } from 'n8n-workflow';
import type { RequestContext } from '../shared/http';
import type { WepowApi } from './transport';
import { wepowList, wepowRequest } from './transport';

const CLOSED = new Set(['closed', 'archived']);

export function isOpen(position: IDataObject): boolean {
	return !CLOSED.has(String(position.status ?? '').toLowerCase());
}

function compareIds(a: unknown, b: unknown): number {
	const [left, right] = [String(a ?? ''), String(b ?? '')];
	if (/^\d+$/.test(left) && /^\d+$/.test(right)) return left.length - right.length || left.localeCompare(right);
	return left.localeCompare(right);
}

/** Oldest first: creation time, then id. Every run picks the same position from the same list. */
export function oldestFirst(a: IDataObject, b: IDataObject): number {
	return String(a.created_at ?? '').localeCompare(String(b.created_at ?? '')) || compareIds(a.id, b.id);
}

/** The positions carrying an ATS job id, oldest first. */
export async function findPositions(
	context: RequestContext,
	api: WepowApi,
	atsJobId: string,
	limits: { returnAll: boolean; limit: number; itemIndex?: number },
): Promise<IDataObject[]> {
	const positions = await wepowList(context, api.href('wepow:interviews'), 'wepow:interview', { external_id: atsJobId }, limits);
	// Wepow's search is ours to trust only so far: keep exact matches.
	return positions.filter((position) => String(position.external_id ?? '') === atsJobId).sort(oldestFirst);
}

export async function createPosition(
	context: RequestContext,
	api: WepowApi,
	position: { templateId: string; name: string; atsJobId?: string },
	itemIndex: number,
): Promise<IDataObject> {
	const body: IDataObject = { name: position.name };
	if (position.atsJobId !== undefined) body.external_id = position.atsJobId;
	const { body: created } = await wepowRequest(context, {
		method: 'POST',
		url: `${api.href('wepow:interview_templates')}/${encodeURIComponent(position.templateId)}/interviews`,
		body,
		itemIndex,
	});
	return created;
}
