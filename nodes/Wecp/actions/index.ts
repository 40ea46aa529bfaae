import type { Resource } from '../../shared/router';
import { operationMap, resourceProperties } from '../../shared/router';
import { withSimplify } from '../../shared/simplify';
import { SIMPLE_RESULT } from '../../shared/simpleResult';
import { SIMPLE_CANDIDATE, SIMPLE_TEST } from '../simplify';
import { getManyCandidates } from './candidate/getMany.operation';
import { inviteCandidate } from './candidate/invite.operation';
import { resendInvite } from './candidate/resend.operation';
import { createInterview } from './interview/create.operation';
import { scheduleInterview } from './interview/schedule.operation';
import { getReport } from './report/get.operation';
import { addCandidateToTalentPool } from './talentPool/addCandidate.operation';
import { getManyTests } from './test/getMany.operation';

const resources: Resource[] = [
	{ name: 'Candidate', value: 'candidate', operations: [inviteCandidate, resendInvite, withSimplify(getManyCandidates, SIMPLE_CANDIDATE)] },
	{ name: 'Interview', value: 'interview', operations: [createInterview, scheduleInterview] },
	{ name: 'Report', value: 'report', operations: [withSimplify(getReport, SIMPLE_RESULT)] },
	{ name: 'Talent Pool', value: 'talentPool', operations: [addCandidateToTalentPool] },
	{ name: 'Test', value: 'test', operations: [withSimplify(getManyTests, SIMPLE_TEST)] },
];

export const wecpProperties = resourceProperties(resources);
export const wecpOperations = operationMap(resources);
