import type { SimpleFields } from './simplify';

/** What Simplify keeps of a normalised assessment result (report, participant, application reads). */
export const SIMPLE_RESULT: SimpleFields = {
	status: ['status'],
	name: ['candidate.name'],
	email: ['candidate.email'],
	assessment: ['assessment.name', 'assessment.id'],
	score: ['score'],
	percent: ['percent'],
	passed: ['passed'],
	completedAt: ['completedAt'],
	link: ['reportUrl'],
	atsApplicationId: ['ats.applicationId'],
};
