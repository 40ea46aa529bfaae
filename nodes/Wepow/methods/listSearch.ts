import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { matching, searchable } from '../../shared/locator';
import { hrefBelow, linkHref } from '../hal';
import { isOpen } from '../positions';
import { wepowApi, wepowBaseUrl, wepowList } from '../transport';
import { getPositions, getTemplates } from './loadOptions';

export const searchPositions = searchable(getPositions);
export const searchTemplates = searchable(getTemplates);

// Wepow lists applications per position: the picker shows the newest of open positions, up to this many.
const APPLICATIONS_SHOWN = 200;

/** Applications of the open positions, named by candidate and position, searchable by either. */
export async function searchApplications(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const api = await wepowApi(this);
	const baseUrl = await wepowBaseUrl(this);
	const positions = (await wepowList(this, api.href('wepow:interviews'), 'wepow:interview', {}, { returnAll: true, limit: 0 })).filter(isOpen);
	const options: Array<{ name: string; value: string }> = [];
	for (const position of positions) {
		// Only links below the account's own address are followed.
		const href = hrefBelow(baseUrl, linkHref(position, 'wepow:applications'));
		if (!href || options.length >= APPLICATIONS_SHOWN) continue;
		const applications = await wepowList(this, href, 'wepow:application', {}, { returnAll: false, limit: APPLICATIONS_SHOWN - options.length });
		for (const application of applications) {
			const candidate = (application._embedded as { 'wepow:candidate'?: { email?: string } } | undefined)?.['wepow:candidate'];
			options.push({ name: `${candidate?.email ?? `Application ${String(application.id)}`} · ${String(position.name)}`, value: String(application.id) });
		}
	}
	return matching(options, filter);
}
