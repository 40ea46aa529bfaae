import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { actLookingUp } from '../../shared/dedup';
import { headerOf, icimsBody, icimsRequest, workflowPath } from '../transport';
import { idLocator, plainValue } from '../../shared/locator';
import { fail, PROFILE_ID } from './common';

const ENTRY_ID = { noun: 'an iCIMS entry number', pattern: PROFILE_ID, maxLength: 18, expected: 'Expected the number at the end of the Location iCIMS returned, e.g. 3.' };

export interface EntryTarget {
	workflowId: string;
	/** The field group, e.g. assessmentresults. */
	group: string;
	/** What makes two writes the same entry, e.g. the assessment name's list id. */
	entryKey: string;
	/** An entry id the user gave: update exactly that one. */
	explicitEntryId?: string;
	/** Look in iCIMS for an entry whose `field` holds list id `id` before adding one. */
	findBy?: { field: string; id: string };
	itemIndex: number;
}

export const entryOptions: INodeProperties[] = [
	{
		...idLocator({
			displayName: 'Entry ID',
			name: 'entryId',
			format: ENTRY_ID,
			idPlaceholder: 'e.g. 3',
			required: false,
			description: 'Update exactly this entry (the number at the end of the Location iCIMS returned when it was added)',
		}),
	},
	{
		displayName: 'Find Existing Entry',
		name: 'findExisting',
		type: 'boolean',
		default: true,
		description:
			'Whether to look in iCIMS for an entry with the same name before adding one, and update it instead (an entry an earlier run or another workflow added). Costs one API call per write. Off, every write adds an entry unless Entry ID names one.',
	},
];

/** What the user said about which entry to write: an explicit id, and whether to look one up. */
export function entryChoice(
	context: IExecuteFunctions,
	itemIndex: number,
	options: IDataObject,
	findBy: EntryTarget['findBy'],
): Pick<EntryTarget, 'explicitEntryId' | 'findBy'> {
	const explicit = String(plainValue(options.entryId) ?? '').trim();
	if (explicit !== '' && !PROFILE_ID.test(explicit)) {
		fail(context, itemIndex, 'Entry ID', 'Expected the number at the end of the Location iCIMS returned, e.g. 3.');
	}
	return { explicitEntryId: explicit === '' ? undefined : explicit, findBy: options.findExisting === false ? undefined : findBy };
}

export interface EntryWrite {
	entryId: string | null;
	action: 'added' | 'updated';
	location: string | null;
}

function entryIdFromLocation(location: string | undefined): string | null {
	const match = location ? /\/([^/?#]+)\/?(?:[?#].*)?$/.exec(location) : null;
	return match ? decodeURIComponent(match[1]) : null;
}

async function update(
	context: IExecuteFunctions,
	target: EntryTarget,
	entryId: string,
	fields: IDataObject,
	acceptMissing: boolean,
): Promise<boolean> {
	const { statusCode } = await icimsRequest(context, {
		method: 'PATCH',
		path: workflowPath(target.workflowId, `/fields/${target.group}/${encodeURIComponent(entryId)}`),
		body: fields,
		itemIndex: target.itemIndex,
		acceptStatuses: acceptMissing ? [404] : [],
	});
	return statusCode !== 404;
}

/** A list field's id ({id: 'D1'} or 'D1'), or a plain value, as text to compare. */
function comparable(value: unknown): string {
	const id = value && typeof value === 'object' ? (value as IDataObject).id : value;
	return String(id ?? '');
}

/** The entries of the group, as iCIMS has them now (one call). */
async function groupEntries(context: IExecuteFunctions, target: EntryTarget): Promise<IDataObject[]> {
	const workflow = await icimsBody(context, {
		method: 'GET',
		path: workflowPath(target.workflowId),
		qs: { fields: target.group },
		itemIndex: target.itemIndex,
	});
	return (Array.isArray(workflow[target.group]) ? workflow[target.group] : []) as IDataObject[];
}

function entryIdOf(entry: IDataObject | undefined): string | undefined {
	return entry?.entry === undefined || entry.entry === null ? undefined : String(entry.entry);
}

/** The entry of the group whose list field holds the id. */
async function findExisting(context: IExecuteFunctions, target: EntryTarget): Promise<string | undefined> {
	if (!target.findBy) return undefined;
	const { field, id } = target.findBy;
	return entryIdOf((await groupEntries(context, target)).find((entry) => comparable(entry?.[field]) === id));
}

/**
 * The entry holding exactly the fields sent: after a lost answer to an add without a name to
 * find it by, this is the entry that add stored (or an identical one, which updating leaves as is).
 */
async function findSameContent(context: IExecuteFunctions, target: EntryTarget, fields: IDataObject): Promise<string | undefined> {
	const sent = Object.entries(fields);
	const entries = await groupEntries(context, target);
	return entryIdOf(entries.find((entry) => sent.every(([key, value]) => comparable(entry?.[key]) === comparable(value))));
}

/**
 * Adds an entry to a field group of an applicant workflow, or updates the one there: the explicit
 * entry id first, then (optionally) the entry iCIMS already holds for the same name. A second
 * "Complete" therefore never duplicates. Nothing is remembered between executions: iCIMS is
 * asked each time (an execution on a queue-mode worker has no static data to remember it in).
 */
export async function writeEntry(context: IExecuteFunctions, target: EntryTarget, fields: IDataObject): Promise<EntryWrite> {
	if (target.explicitEntryId) {
		await update(context, target, target.explicitEntryId, fields, false);
		return { entryId: target.explicitEntryId, action: 'updated', location: null };
	}

	const existing = await findExisting(context, target);
	if (existing !== undefined && (await update(context, target, existing, fields, true))) {
		return { entryId: existing, action: 'updated', location: null };
	}

	const groupPath = workflowPath(target.workflowId, `/fields/${target.group}`);
	// An answer lost on the way back: the entry iCIMS stored is found (by name, else by content)
	// and updated; only when iCIMS holds none is it added again.
	const { headers } = await actLookingUp<{ headers: IDataObject }>(context, {
		act: async () => await icimsRequest(context, { method: 'POST', path: groupPath, body: fields, itemIndex: target.itemIndex }),
		find: async () => {
			const stored = await (target.findBy ? findExisting(context, target) : findSameContent(context, target, fields));
			if (stored === undefined) return undefined;
			await update(context, target, stored, fields, false);
			return { headers: { location: `${groupPath}/${encodeURIComponent(stored)}` } };
		},
	});
	const location = headerOf(headers, 'location') ?? null;
	return { entryId: entryIdFromLocation(location ?? undefined), action: 'added', location };
}
