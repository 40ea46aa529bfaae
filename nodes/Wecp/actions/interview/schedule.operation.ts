import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { doOnce, inviteKey } from '../../../shared/dedup';
import type { Operation } from '../../../shared/router';
import { asNodeError } from '../../../shared/router';
import { integerInRange, optionalString, requiredEmail, requiredFutureDateTime } from '../../../shared/validation';
import { wecpRequest } from '../../transport';
import { actingUser, actingUserField, wecpId, wecpIdField } from '../common';

export const MIN_DURATION_MINUTES = 5;
export const MAX_DURATION_MINUTES = 480;

export const scheduleInterview: Operation = {
	selector: { name: 'Schedule', value: 'schedule', description: 'Schedule a live interview for a candidate and an interviewer', action: 'Schedule a live interview' },
	description: [
		wecpIdField('Interview ID', 'interviewId', 'e.g. iv-backend-onsite', 'The live interview to schedule, e.g. the interviewId that Interview → Create returns (WeCP lists no interviews)'),
		{ displayName: 'Candidate Email', name: 'candidateEmail', type: 'string', placeholder: 'name@email.com', required: true, default: '', description: 'Who is interviewed' },
		{
			displayName: 'Interviewer Email',
			name: 'interviewerEmail',
			type: 'string',
			placeholder: 'name@email.com',
			required: true,
			default: '',
			description: 'Who conducts the interview, e.g. the Lever posting owner',
		},
		{
			displayName: 'Start Time',
			name: 'startTime',
			type: 'dateTime',
			required: true,
			default: '',
			description: "ISO 8601 date and time in the future, e.g. 2026-01-31T09:00:00Z; without an offset it is read in the workflow's time zone",
		},
		{
			displayName: 'Duration (Minutes)',
			name: 'durationMinutes',
			type: 'number',
			typeOptions: { minValue: MIN_DURATION_MINUTES, maxValue: MAX_DURATION_MINUTES },
			default: 60,
			description: `How long the interview lasts, ${MIN_DURATION_MINUTES} to ${MAX_DURATION_MINUTES} minutes`,
		},
		{ displayName: 'Send Email', name: 'sendEmail', type: 'boolean', default: true, description: 'Whether WeCP e-mails the invitation to the candidate and the interviewer' },
		{
			displayName: 'ATS Candidate ID',
			name: 'atsCandidateId',
			type: 'string',
			default: '',
			description: 'Stored with the interview as WeCP metadata, e.g. the candidateId a Lever or iCIMS trigger outputs',
		},
		{
			displayName: 'ATS Application ID',
			name: 'atsApplicationId',
			type: 'string',
			default: '',
			description:
				'Stored with the interview as WeCP metadata. With the start time, also the idempotency key: the same application is scheduled once per interview and time, however often this runs.',
		},
		actingUserField,
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const interviewId = wecpId(this, itemIndex, 'interviewId', 'Interview ID');
		const candidateEmail = requiredEmail(this, itemIndex, 'candidateEmail', 'Candidate Email');
		const interviewerEmail = requiredEmail(this, itemIndex, 'interviewerEmail', 'Interviewer Email');
		const startTime = requiredFutureDateTime(this, itemIndex, 'startTime', 'Start Time');
		const durationMinutes = integerInRange(this, itemIndex, 'durationMinutes', 'Duration (Minutes)', MIN_DURATION_MINUTES, MAX_DURATION_MINUTES);
		const sendEmail = this.getNodeParameter('sendEmail', itemIndex, true) as boolean;
		const atsCandidateId = optionalString(this, itemIndex, 'atsCandidateId', 'ATS Candidate ID', 200);
		const atsApplicationId = optionalString(this, itemIndex, 'atsApplicationId', 'ATS Application ID', 200);
		const actingUserEmail = actingUser(this, itemIndex);

		const metadata: IDataObject = { candidateId: atsCandidateId ?? null, applicationId: atsApplicationId ?? null };
		if (actingUserEmail) metadata.user_email = actingUserEmail;
		const schedule = { emailId: candidateEmail, interviewer: interviewerEmail, interviewTime: startTime, interviewDuration: durationMinutes };
		const body: IDataObject = { interviewId, sendEmail, schedules: [schedule], metadata };

		const who = atsApplicationId ?? `email:${candidateEmail.toLowerCase()}`;
		const key = inviteKey('wecp-interview', interviewId, `${who}@${startTime}`);
		const outcome = await doOnce(this, {
			key,
			act: async () => {
				const { body: answer } = await wecpRequest<unknown>(this, {
					method: 'POST',
					path: '/ats/wecp/scheduleInterviews',
					body,
					actingUserEmail,
					itemIndex,
				});
				return ((Array.isArray(answer) ? answer[0] : answer) ?? {}) as IDataObject;
			},
		}).catch((error: unknown) => {
			throw asNodeError(this, error, itemIndex);
		});
		if (!outcome.sent) {
			return { status: 'already_scheduled', alreadyScheduled: true, sent: false, interviewId, ...schedule, metadata, idempotencyKey: key };
		}
		return { ...outcome.record, alreadyScheduled: false, sent: sendEmail, interviewId, ...schedule, metadata, idempotencyKey: key };
	},
};
