import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { idLocator } from '../../shared/locator';
import type { IdFormat } from '../../shared/validation';
import { idParameter, isE164, optionalE164, optionalEmail, optionalString, requiredString } from '../../shared/validation';
import { atsMetadata } from '../result';

// Willo keys are 32 hex characters; anything plain is let through, nothing that could leave the path.
export const WILLO_KEY: IdFormat = {
	noun: 'a Willo ID',
	pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/,
	maxLength: 64,
	expected: 'Expected letters, digits, "-" or "_", such as the 32-character keys Willo lists.',
};

export const willoKey = idParameter(WILLO_KEY);

export const interviewField: INodeProperties = idLocator({
	displayName: 'Interview',
	name: 'interviewId',
	format: WILLO_KEY,
	idPlaceholder: 'e.g. 5e1f0c2a9b3d4e6f8a7b1c2d3e4f5a60',
	searchListMethod: 'searchInterviews',
	description: 'The Willo interview (usually one per job)',
});

export const participantKeyField: INodeProperties = idLocator({
	displayName: 'Participant ID',
	name: 'participantKey',
	format: WILLO_KEY,
	idPlaceholder: 'e.g. 0f3c6a9e2b7d4c1a8e5f9b2d6c3a7e10',
	searchListMethod: 'searchParticipants',
	description: "Willo's key of the participant, as returned by Invite or the Willo Trigger (willoParticipantKey)",
});

/** The candidate fields of Invite and Resend. */
export const participantFields: INodeProperties[] = [
	interviewField,
	{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', description: "The candidate's full name (Willo requires it)" },
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', description: 'Where Willo e-mails the invitation. Give an e-mail, a phone or both.' },
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		placeholder: '+14155550100',
		default: '',
		description: 'For the SMS invitation, in E.164 form: a plus, the country code and the number, e.g. +447700900123',
	},
	{
		displayName: 'ATS Candidate ID',
		name: 'atsCandidateId',
		type: 'string',
		default: '',
		description: 'Stored with the participant and returned with the result, e.g. the candidateId a Lever or iCIMS trigger outputs',
	},
	{
		displayName: 'ATS Application ID',
		name: 'atsApplicationId',
		type: 'string',
		default: '',
		description:
			"Stored with the participant (also as Willo's external ID) and returned with the result. Also the idempotency key: one invite per application and interview, however often this runs.",
	},
];

export const invalidPhoneOption: INodeProperties = {
	displayName: 'On Invalid Phone',
	name: 'invalidPhone',
	type: 'options',
	options: [
		{ name: 'Stop With an Error', value: 'error', description: 'The item fails, naming the expected E.164 form' },
		{ name: 'Leave It Out', value: 'omit', description: 'Invite without the phone (by e-mail); the output says why' },
	],
	default: 'error',
	description: 'What to do when the phone is not in E.164 form, e.g. an ATS number typed without the country code',
};

export interface ParticipantInput {
	interviewId: string;
	body: IDataObject;
	/** Who this invite is for, in the idempotency key: the application, else the e-mail, else the phone. */
	subject: string;
	atsApplicationId?: string;
	phoneLeftOut?: string;
}

/** Reads and checks the candidate fields; nothing is sent when one is wrong. */
export function participantInput(context: IExecuteFunctions, itemIndex: number): ParticipantInput {
	const interviewId = willoKey(context, itemIndex, 'interviewId', 'Interview');
	const name = requiredString(context, itemIndex, 'name', 'Name', 200);
	const email = optionalEmail(context, itemIndex, 'email', 'Email');
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	let phone: string | undefined;
	let phoneLeftOut: string | undefined;
	const typedPhone = optionalString(context, itemIndex, 'phone', 'Phone', 40);
	if (typedPhone !== undefined && options.invalidPhone === 'omit' && !isE164(typedPhone.replace(/[\s().-]/g, ''))) {
		phoneLeftOut = `"${typedPhone}" is not an E.164 phone number such as +14155550100`;
	} else {
		phone = optionalE164(context, itemIndex, 'phone', 'Phone');
	}
	if (email === undefined && phone === undefined) {
		throw new NodeOperationError(context.getNode(), 'The fields "Email" and "Phone" are both empty', {
			itemIndex,
			description: `Expected an e-mail address (name@example.com) or an E.164 phone number (+14155550100), so Willo can send the invitation${phoneLeftOut ? `; the phone was left out: ${phoneLeftOut}` : ''}.`,
		});
	}
	const atsCandidateId = optionalString(context, itemIndex, 'atsCandidateId', 'ATS Candidate ID', 200);
	const atsApplicationId = optionalString(context, itemIndex, 'atsApplicationId', 'ATS Application ID', 200);
	const body: IDataObject = { interview: interviewId, name };
	if (email !== undefined) body.email = email;
	if (phone !== undefined) body.phone = phone;
	const externalId = atsApplicationId ?? atsCandidateId;
	if (externalId !== undefined) body.external_id = externalId;
	body.metadata = atsMetadata(atsCandidateId, atsApplicationId);
	const subject = atsApplicationId ?? (email !== undefined ? `email:${email.toLowerCase()}` : `phone:${phone}`);
	return { interviewId, body, subject, atsApplicationId, phoneLeftOut };
}
