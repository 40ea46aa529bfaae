import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { claimOnce, inviteKey, releaseClaim } from '../../../shared/dedup';
import type { Operation } from '../../../shared/router';
import { asNodeError } from '../../../shared/router';
import { optionalString, requiredEmail, requiredString } from '../../../shared/validation';
import { testPath, wecpRequest } from '../../transport';
import { actingUser, actingUserField, testIdField, wecpId } from '../common';

export const inviteCandidate: Operation = {
	selector: { name: 'Invite', value: 'invite', description: 'Invite a candidate to a test, once per ATS application', action: 'Invite a candidate to a test' },
	description: [
		testIdField,
		{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', description: "The candidate's full name" },
		{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', required: true, default: '', description: 'Where WeCP sends the invitation' },
		{
			displayName: 'ATS Candidate ID',
			name: 'atsCandidateId',
			type: 'string',
			default: '',
			description: 'Stored with the invite and returned with the result, e.g. the candidateId a Lever or iCIMS trigger outputs',
		},
		{
			displayName: 'ATS Application ID',
			name: 'atsApplicationId',
			type: 'string',
			default: '',
			description:
				'Stored with the invite and returned with the result. Also the idempotency key: one invite per application and test, however often this runs.',
		},
		actingUserField,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{ displayName: 'Expiry Date', name: 'expiryDate', type: 'dateTime', default: '', description: 'When the invitation stops working' },
				{ displayName: 'Send Email', name: 'sendEmail', type: 'boolean', default: true, description: 'Whether WeCP e-mails the candidate; off returns the invite link only' },
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const testId = wecpId(this, itemIndex, 'testId', 'Test');
		const name = requiredString(this, itemIndex, 'name', 'Name', 200);
		const email = requiredEmail(this, itemIndex, 'email', 'Email');
		const atsCandidateId = optionalString(this, itemIndex, 'atsCandidateId', 'ATS Candidate ID', 200);
		const atsApplicationId = optionalString(this, itemIndex, 'atsApplicationId', 'ATS Application ID', 200);
		const actingUserEmail = actingUser(this, itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

		const metadata: IDataObject = {
			candidateId: atsCandidateId ?? null,
			applicationId: atsApplicationId ?? null,
		};
		if (actingUserEmail) metadata.user_email = actingUserEmail;
		const body: IDataObject = {
			candidates: [{ name, email }],
			sendEmail: options.sendEmail !== false,
			metadata,
		};
		if (options.expiryDate) {
			const expiry = Date.parse(String(options.expiryDate));
			if (Number.isNaN(expiry)) {
				throw new NodeOperationError(this.getNode(), 'The option "Expiry Date" is not a date', {
					itemIndex,
					description: 'Expected an ISO 8601 date such as 2026-01-31T09:00:00Z.',
				});
			}
			body.expiryDate = new Date(expiry).toISOString();
		}

		const key = inviteKey('wecp', testId, atsApplicationId ?? `email:${email.toLowerCase()}`);
		if (!(await claimOnce(this, key))) {
			return { status: 'already_invited', alreadyInvited: true, sent: false, testId, name, email, metadata, idempotencyKey: key };
		}
		try {
			const { body: invites } = await wecpRequest<IDataObject[]>(this, {
				method: 'POST',
				path: testPath(testId, '/invite'),
				body,
				actingUserEmail,
				itemIndex,
			});
			const invite = (Array.isArray(invites) ? invites : [])[0] ?? {};
			const alreadyInvited = invite.status === 'already_invited';
			return { ...invite, alreadyInvited, sent: !alreadyInvited, testId, name, email, metadata, idempotencyKey: key };
		} catch (error) {
			// The invite did not happen: let a later run try again.
			await releaseClaim(this, key);
			throw asNodeError(this, error, itemIndex);
		}
	},
};
