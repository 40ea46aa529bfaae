import type { Resource } from '../../shared/router';
import { operationMap, resourceProperties } from '../../shared/router';
import { withSimplify } from '../../shared/simplify';
import { SIMPLE_RESULT } from '../../shared/simpleResult';
import { SIMPLE_INTERVIEW, SIMPLE_PARTICIPANT } from '../simplify';
import { createInterview } from './interview/create.operation';
import { getInterview } from './interview/get.operation';
import { getManyInterviews } from './interview/getMany.operation';
import { getParticipantWithResponses } from './participant/get.operation';
import { getManyParticipants } from './participant/getMany.operation';
import { inviteParticipant } from './participant/invite.operation';
import { resendInvite } from './participant/resend.operation';

const resources: Resource[] = [
	{ name: 'Participant', value: 'participant', operations: [inviteParticipant, resendInvite, withSimplify(getParticipantWithResponses, SIMPLE_RESULT), withSimplify(getManyParticipants, SIMPLE_PARTICIPANT)] },
	{ name: 'Interview', value: 'interview', operations: [withSimplify(getInterview, SIMPLE_INTERVIEW), withSimplify(getManyInterviews, SIMPLE_INTERVIEW), createInterview] },
];

export const willoProperties = resourceProperties(resources);
export const willoOperations = operationMap(resources);
