import type {
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodeProperties,
	INodePropertyMode,
	INodePropertyOptions,
} from 'n8n-workflow';
import type { IdFormat } from './validation';

// Read where parameters are read; here for the pickers' own users.
export { plainValue } from './validation';

/** A web page of the service that names the thing: the regex's first group is its id. */
export interface PickerUrl {
	regex: string;
	placeholder: string;
	/** Completes "Expected …", e.g. "a Lever candidate link". */
	noun: string;
}

/** A field where the user picks one thing of a service: from a list, by its URL, or by its ID. */
export interface Picker {
	displayName: string;
	name: string;
	description: string;
	format: IdFormat;
	idPlaceholder: string;
	/** The node's methods.listSearch entry, where the service can list the things. */
	searchListMethod?: string;
	url?: PickerUrl;
	required?: boolean;
}

function expectedText(format: IdFormat): string {
	return typeof format.expected === 'function' ? `Not ${format.noun}` : format.expected;
}

/** A resourceLocator in n8n's shape (Linear v2, Airtable v2): From List, By URL, By ID. */
export function idLocator(picker: Picker): INodeProperties {
	const { url } = picker;
	// n8n matches the whole link: a path, query or fragment may follow the id.
	const urlRegex = url ? `${url.regex}(?:[/?#].*)?` : '';
	// n8n checks a typed value even when empty: an optional picker may stay empty.
	const idRegex = picker.required === false ? `^$|${picker.format.pattern.source}` : picker.format.pattern.source;
	// Every mode written out in `modes` (n8n's own shape), then narrowed to what this service offers.
	const locator: INodeProperties & { modes: INodePropertyMode[] } = {
		displayName: picker.displayName,
		name: picker.name,
		type: 'resourceLocator',
		default: { mode: 'id', value: '' },
		required: picker.required ?? true,
		description: picker.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Choose, or type to search...',
				typeOptions: { searchListMethod: picker.searchListMethod ?? '', searchable: true },
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: url?.placeholder ?? '',
				validation: [{ type: 'regex', properties: { regex: urlRegex, errorMessage: `Expected ${url?.noun ?? 'a link'}` } }],
				extractValue: { type: 'regex', regex: urlRegex },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: picker.idPlaceholder,
				validation: [{ type: 'regex', properties: { regex: idRegex, errorMessage: expectedText(picker.format) } }],
			},
		],
	};
	const offered = (mode: INodePropertyMode) => (mode.name === 'list' ? !!picker.searchListMethod : mode.name === 'url' ? !!url : true);
	const modes = locator.modes.filter(offered);
	// The first mode offered is the one a new field opens in: the list where there is one.
	return { ...locator, default: { mode: modes[0].name, value: '' }, modes };
}

/** What n8n saves for a picked value: an expression or a typed id goes in mode "id". */
export function locatorValue(value: string, mode = 'id'): { __rl: true; mode: string; value: string } {
	return { __rl: true, mode, value };
}

/** Picks the options whose name contains the search text (or whose value is it), as the editor shows them. */
export function matching(options: INodePropertyOptions[], filter?: string): INodeListSearchResult {
	const wanted = (filter ?? '').trim().toLowerCase();
	const results = wanted
		? options.filter((option) => option.name.toLowerCase().includes(wanted) || String(option.value).toLowerCase() === wanted)
		: options;
	return { results: results.map(({ name, value }) => ({ name, value })) };
}

type LoadOptions = (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>;
export type ListSearch = (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) => Promise<INodeListSearchResult>;

/** A searchable list from a loader of all options: the service lists them whole, n8n filters by text. */
export function searchable(load: LoadOptions): ListSearch {
	return async function (this: ILoadOptionsFunctions, filter?: string) {
		return matching(await load.call(this), filter);
	};
}
