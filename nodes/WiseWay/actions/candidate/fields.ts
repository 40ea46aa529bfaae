import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { inviteKey } from '../../../shared/dedup';
import { optionalE164, optionalString, requiredEmail, requiredString } from '../../../shared/validation';
import { atsMetadata } from '../../result';
import { candidatesPath, EVERYTHING, wiseWayList } from '../../transport';
import { positionField, wiseWayId } from '../common';

/** The candidate fields Invite and Resend share. */
export const candidateFields: INodeProperties[] = [
	positionField,
	{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', description: "The candidate's full name" },
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', required: true, default: '', description: 'Where WiseWay sends the invitation; one candidate per e-mail and position' },
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '',
		placeholder: 'e.g. +14155550100',
		description: 'Optional, for SMS invitations: in international (E.164) form, a plus, the country code and the number',
	},
	{
		displayName: 'ATS Candidate ID',
		name: 'atsCandidateId',
		type: 'string',
		default: '',
		description: 'Stored with the candidate and returned with the result, e.g. the candidateId a Lever or iCIMS trigger outputs',
	},
	{
		displayName: 'ATS Application ID',
		name: 'atsApplicationId',
		type: 'string',
		default: '',
		description:
			'Stored with the candidate and returned with the result (iCIMS: the applicant workflow ID). Also the idempotency key: one invite per application and position, however often this runs.',
	},
];

export interface CandidateInput {
	positionId: string;
	email: string;
	body: IDataObject;
	idempotencyKey: string;
}

export function candidateInput(context: IExecuteFunctions, itemIndex: number): CandidateInput {
	const positionId = wiseWayId(context, itemIndex, 'positionId', 'Position');
	const name = requiredString(context, itemIndex, 'name', 'Name', 200);
	const email = requiredEmail(context, itemIndex, 'email', 'Email');
	const phone = optionalE164(context, itemIndex, 'phone', 'Phone');
	const atsCandidateId = optionalString(context, itemIndex, 'atsCandidateId', 'ATS Candidate ID', 200);
	const atsApplicationId = optionalString(context, itemIndex, 'atsApplicationId', 'ATS Application ID', 200);
	const body: IDataObject = { name, email };
	if (phone !== undefined) body.phone = phone;
	if (atsCandidateId !== undefined || atsApplicationId !== undefined) body.metadata = atsMetadata(atsCandidateId, atsApplicationId);
	const subject = atsApplicationId ?? `email:${email.toLowerCase()}`;
	return { positionId, email, body, idempotencyKey: inviteKey('wiseWay', positionId, subject) };
}

/** Every candidate of the position. */
export async function positionCandidates(context: IExecuteFunctions, positionId: string, itemIndex: number): Promise<IDataObject[]> {
	return await wiseWayList(context, candidatesPath(positionId), { ...EVERYTHING, itemIndex });
}

/** The one with this e-mail (WiseWay allows one per position), if any. */
export function candidateWithEmail(candidates: IDataObject[], email: string): IDataObject | undefined {
	const wanted = email.toLowerCase();
	return candidates.find((candidate) => typeof candidate.email === 'string' && candidate.email.toLowerCase() === wanted);
}

/** The candidate of the position with this e-mail, if any. */
export async function findCandidate(
	context: IExecuteFunctions,
	positionId: string,
	email: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	return candidateWithEmail(await positionCandidates(context, positionId, itemIndex), email);
}
