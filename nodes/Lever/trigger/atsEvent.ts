import type { IDataObject } from 'n8n-workflow';
import type { RequestContext } from '../../shared/http';
import type { AtsEvent, StageRef } from '../../shared/model';
import { cached } from '../../shared/cache';
import { stringOrNull, toIsoDate } from '../../shared/model';
import { leverCredentialId, leverList, leverRequest, opportunityContact, opportunityPostingId, postingOwner } from '../transport';

/** What the trigger fetches for one delivery, from its options. */
export interface Resolution {
	/** The opportunity (contact, posting, stage), for the output and the filters. */
	opportunity: boolean;
	/** Stage names beside the ids. */
	stageNames: boolean;
	/** The posting's owner, as postingOwner. */
	owner: boolean;
}

/** Stages are renamed rarely; a rename shows in the trigger's output within this time. */
export const STAGE_NAMES_TTL_MS = 5 * 60 * 1000;

/**
 * Stage names by id, kept per credential for a while: without it every delivery paid one more
 * Lever call (GET /stages) before the execution could start. Names only label the output.
 */
export async function stageNames(context: RequestContext): Promise<Map<string, string>> {
	return await cached(`lever:stage-names:${leverCredentialId(context)}`, STAGE_NAMES_TTL_MS, async () => {
		const stages = await leverList(context, '/stages', {}, { returnAll: true, limit: 0 });
		return new Map(stages.map((stage) => [String(stage.id), String(stage.text)]));
	});
}

/** The stage id of an opportunity, expanded ({ id, text }) or not (the id). */
export function stageIdOf(stage: unknown): string | null {
	if (stage && typeof stage === 'object') return stringOrNull((stage as IDataObject).id);
	return stringOrNull(stage);
}

function stageRef(id: unknown, names?: Map<string, string>): StageRef | null {
	const stageId = stringOrNull(id);
	return stageId === null ? null : { id: stageId, name: names?.get(stageId) ?? null };
}

/** The opportunity of a delivery as Lever has it now; null when Lever has none of that id. */
export async function currentOpportunity(context: RequestContext, opportunityId: string): Promise<IDataObject | null> {
	const response = await leverRequest<{ data?: IDataObject }>(context, {
		method: 'GET',
		path: `/opportunities/${encodeURIComponent(opportunityId)}`,
		qs: { expand: ['applications', 'stage'] },
		acceptStatuses: [404],
	});
	return response.data ?? null;
}

/** The opportunity a delivery is about (Lever names it opportunityId, older events candidateId). */
export function opportunityIdOf(data: IDataObject): string | null {
	return stringOrNull(data.opportunityId ?? data.candidateId);
}

/** A verified Lever delivery as the normalised ATS event, with what the options asked to resolve. */
export async function leverAtsEvent(
	context: RequestContext,
	body: IDataObject,
	opportunity: IDataObject | undefined,
	resolution: Resolution,
	extra: IDataObject,
): Promise<AtsEvent> {
	const event = String(body.event);
	const data = (body.data ?? {}) as IDataObject;
	const postingId = opportunity ? opportunityPostingId(opportunity) : null;
	// Both from caches most of the time; when not, looked up at once.
	const [owner, names] = await Promise.all([
		resolution.owner && opportunity ? postingOwner(context, opportunity, postingId) : null,
		resolution.stageNames && event === 'candidateStageChange' ? stageNames(context) : undefined,
	]);
	const contact = opportunity ? opportunityContact(opportunity) : { email: null, name: null, phone: null };
	return {
		ats: 'lever',
		event,
		candidateId: stringOrNull(data.contactId ?? opportunity?.contact),
		applicationId: opportunityIdOf(data),
		jobId: postingId,
		fromStage: stageRef(data.fromStageId, names),
		toStage: stageRef(data.toStageId, names),
		...contact,
		occurredAt: toIsoDate(body.triggeredAt),
		...extra,
		...(resolution.owner ? { postingOwner: owner } : {}),
		raw: body,
	};
}
