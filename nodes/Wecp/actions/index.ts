import type { OperationMap } from '../../shared/router';
import { getManyCandidates } from './candidate/getMany.operation';
import { inviteCandidate } from './candidate/invite.operation';
import { resendInvite } from './candidate/resend.operation';
import { createInterview } from './interview/create.operation';
import { scheduleInterview } from './interview/schedule.operation';
import { getReport } from './report/get.operation';
import { addCandidateToTalentPool } from './talentPool/addCandidate.operation';
import { getManyTests } from './test/getMany.operation';

export const wecpOperations: OperationMap = {
	candidate: { invite: inviteCandidate, resend: resendInvite, getMany: getManyCandidates },
	interview: { create: createInterview, schedule: scheduleInterview },
	report: { get: getReport },
	talentPool: { addCandidate: addCandidateToTalentPool },
	test: { getMany: getManyTests },
};
