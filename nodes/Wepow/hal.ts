import type { IDataObject } from 'n8n-workflow';

/** Wepow's HAL documents: `_links` to follow and `_embedded` lists, read without trusting their shape. */

/** Expands the RFC 6570 forms Wepow uses: {id}, {/id} and {?a,b}. Unknown variables drop out. */
export function expandTemplate(template: string, values: Record<string, string>): string {
	return template.replace(/\{([/?&]?)([^}]+)\}/g, (_match, operator: string, names: string) => {
		const given = names
			.split(',')
			.map((name) => name.trim())
			.filter((name) => values[name] !== undefined);
		if (given.length === 0) return '';
		if (operator === '/') return given.map((name) => `/${encodeURIComponent(values[name])}`).join('');
		if (operator === '?' || operator === '&') {
			return operator + given.map((name) => `${name}=${encodeURIComponent(values[name])}`).join('&');
		}
		return given.map((name) => encodeURIComponent(values[name])).join(',');
	});
}

function linkObjects(resource: IDataObject | undefined, relation: string): IDataObject[] {
	const links = resource?._links;
	if (!links || typeof links !== 'object') return [];
	const value = (links as IDataObject)[relation];
	const list = Array.isArray(value) ? value : [value];
	return list.filter((link): link is IDataObject => !!link && typeof link === 'object');
}

/** The href of a relation; for a relation holding several links, the one with that name. */
export function linkHref(resource: IDataObject | undefined, relation: string, name?: string): string | undefined {
	const link = linkObjects(resource, relation).find((candidate) => name === undefined || candidate.name === name);
	return typeof link?.href === 'string' && link.href !== '' ? link.href : undefined;
}

/** The items of a HAL list, e.g. _embedded["wepow:interview"]. */
export function embeddedList(document: unknown, relation: string): IDataObject[] {
	if (!document || typeof document !== 'object') return [];
	const embedded = (document as IDataObject)._embedded as IDataObject | undefined;
	const value = embedded?.[relation];
	if (Array.isArray(value)) return value.filter((item): item is IDataObject => !!item && typeof item === 'object');
	return value && typeof value === 'object' ? [value as IDataObject] : [];
}

/** One embedded resource, e.g. an application's candidate. */
export function embeddedOne(document: IDataObject | undefined, relation: string): IDataObject | undefined {
	return embeddedList(document, relation)[0];
}

/**
 * A link as an absolute URL below the credential's base URL, or undefined. Links elsewhere are
 * never followed: the request would carry the Wepow credentials to another host.
 */
export function hrefBelow(baseUrl: string, href: string | undefined): string | undefined {
	if (!href) return undefined;
	const origin = /^https?:\/\/[^/?#]+/i.exec(baseUrl)?.[0];
	if (!origin) return undefined;
	const absolute = href.startsWith('/') && !href.startsWith('//') ? `${origin}${href}` : href;
	const withinBase = absolute === baseUrl || absolute.startsWith(`${baseUrl}/`) || absolute.startsWith(`${baseUrl}?`);
	// No way back out of the base path.
	if (!withinBase || /\/(\.|%2e){1,2}(\/|$|\?)/i.test(absolute.slice(baseUrl.length))) return undefined;
	return absolute;
}
