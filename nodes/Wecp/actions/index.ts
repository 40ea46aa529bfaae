import type { OperationMap } from '../../shared/router';
import { getManyCandidates } from './candidate/getMany.operation';
import { inviteCandidate } from './candidate/invite.operation';
import { resendInvite } from './candidate/resend.operation';
import { getReport } from './report/get.operation';
import { getManyTests } from './test/getMany.operation';

export const wecpOperations: OperationMap = {
	candidate: { invite: inviteCandidate, resend: resendInvite, getMany: getManyCandidates },
	report: { get: getReport },
	test: { getMany: getManyTests },
};
