import type { SimpleFields } from '../shared/simplify';

// What Simplify keeps of WeCP's lists.
export const SIMPLE_TEST: SimpleFields = { id: ['testId'], name: ['testName'], status: ['status'], createdAt: ['createdAt'], link: ['publicLink'] };

export const SIMPLE_CANDIDATE: SimpleFields = {
	id: ['candidateId'],
	name: ['candidateDetails.Name', 'name'],
	email: ['candidateDetails.Email', 'email'],
	status: ['status', 'testStatus'],
	percent: ['percentage'],
	startedAt: ['testStartTime', 'startedAt'],
	finishedAt: ['testEndTime', 'finishedAt'],
	link: ['reportLink', 'inviteLink'],
};
