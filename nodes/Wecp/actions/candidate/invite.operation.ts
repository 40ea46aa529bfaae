import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { inviteKey } from '../../../shared/dedup';
import { checkExistingOption, checksExisting, inviteOnce } from '../../../shared/invite';
import type { Operation } from '../../../shared/router';
import { optionalString, requiredEmail, requiredString } from '../../../shared/validation';
import { listTestCandidates, testPath, wecpRequest } from '../../transport';
import { actingUser, actingUserField, testIdField, wecpId } from '../common';

function emailOf(candidate: IDataObject): string {
	const details = (candidate.candidateDetails ?? {}) as IDataObject;
	return String(details.Email ?? details.email ?? candidate.email ?? '').toLowerCase();
}

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
				checkExistingOption("the test's candidates (one request)"),
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
		return await inviteOnce(
			this,
			itemIndex,
			{
				key,
				findFirst: checksExisting(this, itemIndex),
				// WeCP lists a test's candidates: the one with this e-mail is the invite already made.
				find: async () => {
					const rows = await listTestCandidates(this, testId, itemIndex);
					const row = rows.find((candidate) => emailOf(candidate) === email.toLowerCase());
					return row && { email, candidateId: row.candidateId, status: 'invited', testFinished: row.testFinished };
				},
				act: async () => {
					const { body: invites } = await wecpRequest<IDataObject[]>(this, {
						method: 'POST',
						path: testPath(testId, '/invite'),
						body,
						actingUserEmail,
						itemIndex,
					});
					return (Array.isArray(invites) ? invites : [])[0] ?? {};
				},
			},
			{ testId, name, email, metadata, idempotencyKey: key },
			(invite) => invite.status === 'already_invited',
		);
	},
};
