import type { OperationMap } from '../../shared/router';
import { createInterview } from './interview/create.operation';
import { getInterview } from './interview/get.operation';
import { getManyInterviews } from './interview/getMany.operation';
import { getParticipantWithResponses } from './participant/get.operation';
import { getManyParticipants } from './participant/getMany.operation';
import { inviteParticipant } from './participant/invite.operation';
import { resendInvite } from './participant/resend.operation';

export const willoOperations: OperationMap = {
	participant: { invite: inviteParticipant, resend: resendInvite, get: getParticipantWithResponses, getMany: getManyParticipants },
	interview: { get: getInterview, getMany: getManyInterviews, create: createInterview },
};
