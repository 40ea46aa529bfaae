import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { claimOnce, releaseClaim } from '../../../shared/dedup';
import { isOutcomeUnknown } from '../../../shared/http';
import type { Operation } from '../../../shared/router';
import { asNodeError } from '../../../shared/router';
import { embeddedList, embeddedOne } from '../../hal';
import type { WepowApi } from '../../transport';
import { wepowApi, wepowRequest } from '../../transport';
import { candidateFields, positionIdField } from '../common';
import type { Invitation } from './answer';
import { invitationAnswer } from './answer';
import { applicationFor, positionApplications } from './find';
import { readInvitation } from './send.operation';

/** Wepow takes at most this many candidates in one bulk call. */
export const MAX_BULK_SIZE = 100;

type Outcome = IDataObject | NodeApiError | NodeOperationError;

function chunks<T>(list: T[], size: number): T[][] {
	const result: T[][] = [];
	for (let start = 0; start < list.length; start += size) result.push(list.slice(start, start + size));
	return result;
}

function emailOf(application: IDataObject): string {
	return String(embeddedOne(application, 'wepow:candidate')?.email ?? '').toLowerCase();
}

/** Wepow's answer for each invitation of one bulk call: in request order, else matched by e-mail. */
async function postBulk(context: IExecuteFunctions, api: WepowApi, positionId: string, invitations: Invitation[]): Promise<IDataObject[]> {
	const { body } = await wepowRequest(context, {
		method: 'POST',
		url: `${api.href('wepow:interview', { id: positionId })}/applications/bulk`,
		body: { candidates: invitations.map((invitation) => invitation.candidate) },
		itemIndex: invitations[0].itemIndex,
	});
	const answers = embeddedList(body, 'wepow:application');
	if (answers.length === invitations.length) return answers;
	return invitations.map(
		(invitation) => answers.find((answer) => emailOf(answer) === String(invitation.candidate.email).toLowerCase()) ?? {},
	);
}

/**
 * Answers the invitations Wepow already has an application for (as sent earlier, or by this run
 * when `sentBefore` is false) and returns the others.
 */
function answerExisting(applications: IDataObject[], invitations: Invitation[], outcomes: Map<number, Outcome>, sentBefore = true): Invitation[] {
	return invitations.filter((invitation) => {
		const existing = applicationFor(applications, invitation);
		if (existing) outcomes.set(invitation.itemIndex, invitationAnswer(invitation, existing, sentBefore));
		return existing === undefined;
	});
}

/**
 * Sends the invitations of several items in one bulk call per position. Each item still claims
 * its idempotency key; the keys of a call that fails are given back so a later run can retry.
 */
export async function sendInBulk(context: IExecuteFunctions, itemIndexes: number[]): Promise<Map<number, Outcome>> {
	const outcomes = new Map<number, Outcome>();
	const byPosition = new Map<string, Invitation[]>();
	// Every item is checked before anything is sent.
	for (const itemIndex of itemIndexes) {
		try {
			const invitation = readInvitation(context, itemIndex);
			byPosition.set(invitation.positionId, [...(byPosition.get(invitation.positionId) ?? []), invitation]);
		} catch (error) {
			const nodeError = asNodeError(context, error, itemIndex);
			if (!context.continueOnFail()) throw nodeError;
			outcomes.set(itemIndex, nodeError);
		}
	}

	let api: WepowApi | undefined;
	for (const [positionId, invitations] of byPosition) {
		for (const chunk of chunks(invitations, MAX_BULK_SIZE)) {
			let toSend: Invitation[] = [];
			for (const invitation of chunk) {
				if (await claimOnce(context, invitation.key)) toSend.push(invitation);
				else outcomes.set(invitation.itemIndex, invitationAnswer(invitation, undefined, true));
			}
			if (toSend.length === 0) continue;
			try {
				api ??= await wepowApi(context, toSend[0].itemIndex);
				// Another worker or workflow may have sent some of them: those are answered, not sent.
				toSend = answerExisting(await positionApplications(context, api, positionId, toSend[0].itemIndex), toSend, outcomes);
				if (toSend.length === 0) continue;
				const answers = await postBulk(context, api, positionId, toSend).catch(async (error: unknown) => {
					if (!isOutcomeUnknown(error)) throw error;
					// The answer was lost: what Wepow stored is looked up, and only the rest sent again.
					const stored = await positionApplications(context, api!, positionId, toSend[0].itemIndex).catch(() => {
						throw error;
					});
					toSend = answerExisting(stored, toSend, outcomes, false);
					return toSend.length === 0 ? [] : await postBulk(context, api!, positionId, toSend);
				});
				toSend.forEach((invitation, index) => {
					// Wepow's never-twice rule: a candidate it had already invited is answered, not sent.
					outcomes.set(invitation.itemIndex, invitationAnswer(invitation, answers[index], answers[index].duplicate === true));
				});
			} catch (error) {
				// Keys whose outcome is unknown stay claimed: a later run does not send them blind.
				if (!isOutcomeUnknown(error)) for (const invitation of toSend) await releaseClaim(context, invitation.key);
				const nodeError = asNodeError(context, error, toSend[0].itemIndex);
				if (!context.continueOnFail()) throw nodeError;
				for (const invitation of toSend) outcomes.set(invitation.itemIndex, nodeError);
			}
		}
	}
	return outcomes;
}

/**
 * Send in Bulk over every input item at once, paired back to its items.
 * TODO(shared): a batch operation kind in router.ts, so runOperations can hand all items to one call.
 */
export async function runBulkSend(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const outcomes = await sendInBulk(this, items.map((_item, index) => index));
	return [
		items.map((_item, itemIndex): INodeExecutionData => {
			const outcome = outcomes.get(itemIndex) ?? {};
			const json =
				outcome instanceof NodeApiError || outcome instanceof NodeOperationError
					? { error: outcome.message, description: outcome.description ?? null }
					: outcome;
			return { json, pairedItem: { item: itemIndex } };
		}),
	];
}

export const bulkSendInvitations: Operation = {
	selector: { name: 'Send in Bulk', value: 'bulkSend', description: 'Invite every input item in one call per position', action: 'Send invitations in bulk' },
	description: [
		{
			displayName:
				'All input items go to Wepow together: one bulk call per position (up to 100 candidates each). Items already invited by an earlier run are not sent again.',
			name: 'bulkNotice',
			type: 'notice',
			default: '',
		},
		positionIdField,
		...candidateFields,
	],
	// One item on its own is a bulk of one.
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const outcome = (await sendInBulk(this, [itemIndex])).get(itemIndex) ?? {};
		if (outcome instanceof NodeApiError || outcome instanceof NodeOperationError) throw outcome;
		return outcome;
	},
};
