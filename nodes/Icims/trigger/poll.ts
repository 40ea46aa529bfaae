import type { IDataObject, INodeExecutionData, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { stringOrNull } from '../../shared/model';
import { LIST_ID, PROFILE_ID } from '../actions/common';
import { refId, statusChangeEvent } from '../atsEvent';
import { icimsDateToIso, toIcimsDate } from '../dates';
import type { SearchFilter } from '../search';
import { SEARCH_FIELDS, searchWorkflows } from '../search';
import { icimsBody, workflowPath } from '../transport';

const MINUTE = 60_000;
// iCIMS caches search results for up to 15 minutes: each poll looks back a little further.
const POLL_OVERLAP_MS = 20 * MINUTE;
// A manual poll in the editor shows a sample from this far back.
const SAMPLE_LOOKBACK_MS = 7 * 24 * 60 * MINUTE;
// Workflows already emitted by polling; the oldest are forgotten first.
// (Numeric keys keep numeric order in an object, so the lowest, oldest ids go first.)
const MAX_REMEMBERED_WORKFLOWS = 20_000;

type TriggerContext = IWebhookFunctions | IPollFunctions;

export function isEventMode(this: TriggerContext): boolean {
	return this.getNodeParameter('source', 'events') === 'events';
}

/** A comma-separated parameter (or an array from an expression) as trimmed values. */
export function listParameter(context: TriggerContext, name: string): string[] {
	const value = context.getNodeParameter(name, '') as unknown;
	const raw = Array.isArray(value) ? value.map(String) : String(value ?? '').split(',');
	return raw.map((entry) => entry.trim()).filter((entry) => entry !== '');
}

function checkedList(context: IPollFunctions, name: string, label: string, pattern: RegExp): string[] {
	const values = listParameter(context, name);
	const bad = values.find((value) => !pattern.test(value));
	if (bad !== undefined) {
		throw new NodeOperationError(context.getNode(), `The field "${label}" has a value that is not an iCIMS ID: "${bad.slice(0, 40)}"`);
	}
	return values;
}

/** The polling mode: a search for applicant workflows newly in a chosen status. */
export async function pollStatusChanges(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	if (isEventMode.call(this)) return null;
	const statusIds = checkedList(this, 'statusIds', 'Only Into Status IDs', LIST_ID);
	if (statusIds.length === 0) {
		throw new NodeOperationError(this.getNode(), 'The field "Only Into Status IDs" is required for polling', {
			description: 'Expected one or more workflow status list IDs, e.g. C36951.',
		});
	}
	const jobIds = checkedList(this, 'jobIds', 'Only Job IDs', PROFILE_ID);
	const resolve = (this.getNodeParameter('options', {}) as IDataObject).resolveCandidate !== false;
	const state = this.getWorkflowStaticData('node') as { cursor?: number; emitted?: Record<string, string> };
	const emitted = (state.emitted ??= {});
	const manual = this.getMode() === 'manual';
	const now = Date.now();
	const firstPoll = state.cursor === undefined;
	const since = manual && firstPoll ? now - SAMPLE_LOOKBACK_MS : (state.cursor ?? now) - POLL_OVERLAP_MS;

	const filters: SearchFilter[] = [
		{ name: SEARCH_FIELDS.status, value: statusIds, operator: '=' },
		{ name: SEARCH_FIELDS.updated, value: [toIcimsDate(new Date(since))], operator: '>=' },
	];
	if (jobIds.length > 0) filters.push({ name: SEARCH_FIELDS.job, value: jobIds, operator: '=' });
	const found = (await searchWorkflows(this, filters, { returnAll: true, limit: 0 })).map((result) => String(result.id));

	if (!manual && firstPoll) {
		// Activation records what is already there instead of replaying it.
		for (const id of found) emitted[id] = 'before activation';
		state.cursor = now;
		return null;
	}
	// A manual run shows the newest match as a sample and records nothing.
	const candidates = manual ? found.slice(-1) : found.filter((id) => emitted[id] === undefined);
	const events: IDataObject[] = [];
	for (const workflowId of candidates) {
		const workflow = await icimsBody(this, {
			method: 'GET',
			path: workflowPath(workflowId),
			qs: { fields: 'associatedprofile,baseprofile,status,updateddate' },
		});
		const statusId = refId(workflow.status);
		const jobId = refId(workflow.baseprofile);
		// The search may be up to 15 minutes stale: trust the workflow as it is now.
		if (statusId === null || !statusIds.includes(statusId)) continue;
		if (jobIds.length > 0 && (jobId === null || !jobIds.includes(jobId))) continue;
		const status = (workflow.status ?? {}) as IDataObject;
		events.push(
			await statusChangeEvent(
				this,
				{
					workflowId,
					personId: refId(workflow.associatedprofile),
					jobId,
					fromStatus: null,
					toStatus: { id: statusId, name: stringOrNull(status.formattedvalue ?? status.value) },
					occurredAt: icimsDateToIso(workflow.updateddate) ?? new Date(now).toISOString(),
					changedByUserId: null,
					raw: { id: workflowId, ...workflow },
				},
				resolve,
			),
		);
		if (!manual) emitted[workflowId] = statusId;
	}
	if (!manual) {
		state.cursor = now;
		const ids = Object.keys(emitted);
		for (const oldest of ids.slice(0, Math.max(0, ids.length - MAX_REMEMBERED_WORKFLOWS))) delete emitted[oldest];
	}
	return events.length > 0 ? [this.helpers.returnJsonArray(events)] : null;
	}
