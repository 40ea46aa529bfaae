import type { IDataObject } from 'n8n-workflow';
import type { RequestContext } from '../shared/http';
import type { AtsEvent, StageRef } from '../shared/model';
import { stringOrNull } from '../shared/model';
import { fetchJob, fetchPerson, personContact } from './transport';

export const STATUS_CHANGE_EVENT = 'workflowStatusChange';

export interface StatusChange {
	workflowId: string;
	personId: string | null;
	jobId: string | null;
	fromStatus: StageRef | null;
	toStatus: StageRef | null;
	occurredAt: string | null;
	changedByUserId: string | null;
	raw: IDataObject;
}

/** The id of an iCIMS reference, which is { id, value } on profiles and a bare id in events. */
export function refId(value: unknown): string | null {
	if (value && typeof value === 'object') return stringOrNull((value as IDataObject).id);
	return stringOrNull(value);
}

/**
 * The normalised ATS event of a status change. With `resolve`, the person and the job are
 * fetched: one API call each.
 */
export async function statusChangeEvent(context: RequestContext, change: StatusChange, resolve: boolean): Promise<AtsEvent> {
	const person = resolve && change.personId ? await fetchPerson(context, change.personId) : undefined;
	const job = resolve && change.jobId ? await fetchJob(context, change.jobId) : undefined;
	return {
		ats: 'icims',
		event: STATUS_CHANGE_EVENT,
		candidateId: change.personId,
		applicationId: change.workflowId,
		jobId: change.jobId,
		fromStage: change.fromStatus,
		toStage: change.toStatus,
		...personContact(person),
		occurredAt: change.occurredAt,
		jobTitle: stringOrNull(job?.jobtitle),
		changedByUserId: change.changedByUserId,
		person: person ?? null,
		job: job ?? null,
		raw: change.raw,
	};
}
