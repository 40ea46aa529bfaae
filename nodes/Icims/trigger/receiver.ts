import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { resolveOrForget } from '../../shared/deliveryGate';
import { stringOrNull } from '../../shared/model';
import { statusChangeEvent } from '../atsEvent';

/**
 * What the event receiver's webhook() hands to the execution: the verified status change, its
 * id and when it was received, nothing looked up yet. n8n answers iCIMS as soon as webhook()
 * returns this.
 */
export function acceptedEvent(body: IDataObject, deliveryId: string, receivedAt: string): IDataObject {
	return { deliveryId, receivedAt, raw: body };
}

async function eventOf(context: IExecuteFunctions, accepted: IDataObject, resolve: boolean): Promise<IDataObject> {
	// A poll's item, or one resolved before (an execution started by an earlier version): as it is.
	if (accepted.ats === 'icims') return accepted;
	const body = (accepted.raw ?? {}) as IDataObject;
	const event = await statusChangeEvent(
		context,
		{
			workflowId: String(body.systemId),
			personId: stringOrNull(body.personId),
			jobId: stringOrNull(body.jobId),
			fromStatus: body.oldStatus === undefined || body.oldStatus === null ? null : { id: String(body.oldStatus), name: null },
			toStatus: { id: String(body.newStatus), name: null },
			occurredAt: stringOrNull(accepted.receivedAt),
			changedByUserId: stringOrNull(body.userId),
			raw: body,
		},
		resolve,
	);
	return { ...event, deliveryId: accepted.deliveryId } as unknown as IDataObject;
}

/**
 * The person and job look-ups of each status change that passed the repeat check, in the
 * execution (normal retry policy: iCIMS was answered already). When a look-up keeps failing the
 * execution fails, and the items' records are forgotten so a retry of it, or iCIMS' own repeat
 * of the notification, runs them.
 */
export async function resolveEvents(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	keysOf: (item: INodeExecutionData) => string[],
): Promise<INodeExecutionData[][]> {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	return await resolveOrForget(context, items, async (item) => ({ ...item, json: await eventOf(context, item.json, options.resolveCandidate !== false) }), keysOf);
}
