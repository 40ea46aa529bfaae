import type { Resource } from '../../shared/router';
import { operationMap, resourceProperties } from '../../shared/router';
import { createInterview } from './interview/create.operation';
import { getInterview } from './interview/get.operation';
import { getManyInterviews } from './interview/getMany.operation';
import { getParticipantWithResponses } from './participant/get.operation';
import { getManyParticipants } from './participant/getMany.operation';
import { inviteParticipant } from './participant/invite.operation';
import { resendInvite } from './participant/resend.operation';

const resources: Resource[] = [
	{ name: 'Participant', value: 'participant', operations: [inviteParticipant, resendInvite, getParticipantWithResponses, getManyParticipants] },
	{ name: 'Interview', value: 'interview', operations: [getInterview, getManyInterviews, createInterview] },
];

export const willoProperties = resourceProperties(resources);
export const willoOperations = operationMap(resources);
