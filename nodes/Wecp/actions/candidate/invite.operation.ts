import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { inviteKey } from '../../../shared/dedup';
import { checkExistingOption, checksExisting, inviteOnce } from '../../../shared/invite';
import type { Operation } from '../../../shared/router';
import type { PreviousInvite } from '../../../shared/previousInvites';
import { lookupOnce, previousInvitesFor, previousInvitesOption } from '../../../shared/previousInvites';
import { optionalString, requiredEmail, requiredString } from '../../../shared/validation';
import { asPreviousInvite, invitesInAllTests, rowEmail } from '../../previousInvites';
import { listTestCandidates, testPath } from '../../transport';
import type { ActedAs } from '../common';
import { actingUser, actingUserField, asActingUser, credentialUser, testIdField, unknownActingUserOption, wecpId } from '../common';

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
				previousInvitesOption('in this test, or in every test with the next option'),
				{
					displayName: 'Previous Invites in All Tests',
					name: 'previousInvitesInAllTests',
					type: 'boolean',
					default: false,
					description:
						'Whether Include Previous Invites looks in every test of the account (one request per test) instead of the chosen test only',
				},
				unknownActingUserOption,
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
		// The metadata names the user the invite is really sent as.
		const bodyAs = (user: string | undefined): IDataObject => {
			const named: IDataObject = { ...metadata };
			delete named.user_email;
			return { ...body, metadata: user ? { ...named, user_email: user } : named };
		};
		let acted: ActedAs | undefined;
		// The acting user of the last POST sent: when its answer was lost and the look-up found the
		// invite, this is who it went out as.
		let lastSentAs: { user: string | undefined } | undefined;
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

		// The chosen test's candidates, listed once for both the existing-invite check and previousInvites.
		const testRows = lookupOnce(async () => await listTestCandidates(this, testId, itemIndex));
		const inAllTests = options.previousInvitesInAllTests === true;
		const previous = lookupOnce<PreviousInvite[]>(async () =>
			inAllTests
				? await invitesInAllTests(this, email, (id) => (id === testId ? testRows() : undefined), itemIndex)
				: (await testRows()).filter((row) => rowEmail(row) === email.toLowerCase()).map((row) => asPreviousInvite(row, testId, null)),
		);

		const key = inviteKey('wecp', testId, atsApplicationId ?? `email:${email.toLowerCase()}`);
		const invite = await inviteOnce(
			this,
			itemIndex,
			{
				key,
				findFirst: checksExisting(this, itemIndex),
				// WeCP lists a test's candidates: the one with this e-mail is the invite already made.
				// Only the first look-up may use the shared list: a later one (after a lost answer) must
				// read WeCP again, or an invite WeCP stored stays unseen and is sent twice.
				find: async () => {
					const rows = testRows.made ? await listTestCandidates(this, testId, itemIndex) : await testRows();
					const row = rows.find((candidate) => rowEmail(candidate) === email.toLowerCase());
					return row && { email, candidateId: row.candidateId, status: 'invited', testFinished: row.testFinished };
				},
				act: async () => {
					const answer = await asActingUser<IDataObject[]>(this, actingUserEmail, options.onUnknownActingUser === 'useCredentialUser', (user) => {
						lastSentAs = { user };
						return { method: 'POST', path: testPath(testId, '/invite'), body: bodyAs(user), actingUserEmail: user, itemIndex };
					});
					acted = { actedAs: answer.actedAs, actingUserFallback: answer.actingUserFallback };
					return (Array.isArray(answer.body) ? answer.body : [])[0] ?? {};
				},
			},
			{ testId, name, email, metadata, idempotencyKey: key },
			(record) => record.status === 'already_invited',
		);
		if (!acted && invite.sent === true && lastSentAs) {
			const user = lastSentAs.user;
			acted = { actedAs: user ?? (await credentialUser(this)), actingUserFallback: actingUserEmail !== undefined && user === undefined };
		}
		const previousInvites = await previousInvitesFor(
			// Free when the existing-invite check listed the chosen test; every test costs a request each.
			options.includePreviousInvites === true || (!inAllTests && testRows.made),
			previous,
			invite.sent === true ? (invite.candidateId as string | undefined) : undefined,
		);
		const withPrevious = previousInvites === undefined ? invite : { ...invite, previousInvites };
		// Said only when this run sent the invite: a found one was sent by someone else.
		return acted ? { ...withPrevious, ...acted, metadata: bodyAs(acted.actingUserFallback ? undefined : actingUserEmail).metadata } : withPrevious;
	},
};
