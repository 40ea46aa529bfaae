import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { dropRecorded, resolveOrForget } from '../../shared/deliveryGate';
import type { MappingState } from '../../shared/assessmentMapping';
import { stringOrNull } from '../../shared/model';
import { opportunityPostingId } from '../transport';
import { assessmentMapping, postingAssessment } from './assessmentByPosting';
import type { Resolution } from './atsEvent';
import { currentOpportunity, leverAtsEvent, opportunityIdOf, stageIdOf } from './atsEvent';
import { triggerParameter } from './registration';

/**
 * What webhook() hands to the execution: the verified delivery as Lever sent it and its id,
 * nothing looked up yet, and when the assessment table's rows took effect (from the node's
 * static data, which n8n does not give an execution on a queue-mode worker). n8n answers the
 * delivery as soon as webhook() returns this.
 */
export function acceptedDelivery(body: IDataObject, deliveryId: string, rowsSince?: MappingState): IDataObject {
	return { deliveryId, raw: body, ...(rowsSince ? { rowsSince } : {}) };
}

/**
 * The trigger's output for one accepted delivery, or undefined when it starts nothing: Lever
 * signs only token + triggeredAt, not the data, so a stage change is confirmed with Lever itself
 * here, and a delivery whose opportunity Lever does not have, or has in another stage, is
 * dropped (with altered data it would otherwise invite someone). Then the posting filter, the
 * assessment chosen by posting, and the posting owner.
 */
async function leverEventOf(context: IExecuteFunctions, accepted: IDataObject): Promise<IDataObject | undefined> {
	// An item resolved before (an execution started by a webhook() of an earlier version).
	if (accepted.ats === 'lever') return accepted;
	const body = (accepted.raw ?? {}) as IDataObject;
	const options = triggerParameter(context, 'options', {}) as IDataObject;
	const event = String(body.event);
	const data = (body.data ?? {}) as IDataObject;
	const stageChange = event === 'candidateStageChange';
	const toStageId = stringOrNull(data.toStageId);
	const mapping = stageChange ? assessmentMapping(context) : undefined;
	const opportunityId = opportunityIdOf(data);
	const postingIds = triggerParameter(context, 'postingIds', []) as string[];
	const resolution: Resolution = {
		opportunity: options.resolveCandidate !== false,
		stageNames: options.resolveCandidate !== false,
		owner: options.resolvePostingOwner === true,
	};
	let opportunity: IDataObject | undefined;
	if (opportunityId && (resolution.opportunity || stageChange || resolution.owner || mapping || postingIds.length > 0)) {
		const current = await currentOpportunity(context, opportunityId);
		if (!current) return dropped(context, body, `Lever has no opportunity ${opportunityId}`);
		opportunity = current;
	}
	if (stageChange && (!opportunity || stageIdOf(opportunity.stage) !== String(toStageId))) {
		return dropped(context, body, 'The stage change does not match the opportunity in Lever');
	}
	const postingId = opportunity ? opportunityPostingId(opportunity) : null;
	if (postingIds.length > 0 && (postingId === null || !postingIds.includes(postingId))) return undefined;

	let assessment: IDataObject = {};
	if (mapping) {
		const chosen = postingAssessment((accepted.rowsSince ?? {}) as MappingState, mapping, opportunity, postingId, toStageId);
		if (!chosen) return undefined;
		assessment = chosen;
	}
	const output = await leverAtsEvent(context, body, opportunity, resolution, { ...assessment, deliveryId: accepted.deliveryId });
	return output as unknown as IDataObject;
}

function dropped(context: IExecuteFunctions, body: IDataObject, reason: string): undefined {
	context.logger.info(`Lever Trigger: a delivery starts nothing: ${reason}`, { event: String(body.event) });
	return undefined;
}

/**
 * The trigger's execute(), the first step of the execution its webhook() started. First the
 * repeats are dropped as every trigger drops them (dropRepeatedDeliveries; a manual test run is
 * not deduplicated), then each remaining delivery is looked up in Lever (with the normal retry
 * policy: n8n has answered the sender already). When every item is dropped the output is empty
 * and the nodes after the trigger do not run.
 */
export async function resolveDeliveries(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const manual = this.getMode() === 'manual';
	const fresh = manual
		? this.getInputData().map((item, index) => ({ ...item, pairedItem: { item: index } }))
		: (await dropRecorded(this))[0];
	// A look-up that keeps failing: the deliveries recorded above are forgotten, so a retry runs them.
	return await resolveOrForget(this, fresh, async (item) => {
		const event = await leverEventOf(this, item.json);
		return event ? { json: event, pairedItem: item.pairedItem } : undefined;
	});
}
