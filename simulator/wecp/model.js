// @ts-check
'use strict';
/**
 * WeCP simulator: the helpers its API and control routes share (lookups, rendering, state changes,
 * outgoing webhooks).
 */
const { HttpError } = require('../shared/core');

/** @typedef {import('../shared/core').ServiceContext} ServiceContext */
/** @typedef {import('./seed').Candidate} Candidate */

/**
 * @param {ServiceContext} ctx
 * @param {import('./seed').Store} store  the live state (replaced by reset)
 */
function createModel(ctx, store) {
	/** @param {string} testId */
	function test(testId) {
		const found = store.state.tests.find((t) => t.testId === testId);
		if (!found) throw new HttpError(404, `Test ${testId} not found`);
		return found;
	}

	/** @param {string} testId @param {string} email */
	function findInvite(testId, email) {
		const wanted = email.trim().toLowerCase();
		return [...store.state.candidates.values()].find((c) => c.testId === testId && c.email.toLowerCase() === wanted);
	}

	/** @param {string} path */
	function appUrl(path) {
		return `${ctx.serverUrl()}/wecp/app${path}`;
	}

	/** @param {Candidate} c */
	function candidateDetails(c) {
		return { Name: c.name, Email: c.email };
	}

	/** @param {Candidate} c */
	function renderReport(c) {
		return {
			candidateId: c.candidateId, quizId: c.testId, candidateDetails: candidateDetails(c), score: c.score, maxScore: c.maxScore,
			percentage: c.percentage, questionWiseScore: c.questionWiseScore.map((q) => ({ ...q })), testStartTime: c.testStartTime,
			finishTime: c.finishTime, testDuration: c.testDuration, testFinished: c.testFinished, reportLink: reportLink(c),
			proctoringData: { tabSwitchCount: 0, fullScreenExitCount: 0, webcamFlags: 0 }, metadata: { ...c.metadata },
		};
	}

	/** @param {Candidate} c */
	function reportLink(c) {
		return appUrl(`/report/${c.candidateId}`);
	}

	return { test, findInvite, appUrl, candidateDetails, renderReport, reportLink };
}

/** @typedef {import('./auth').Auth & ReturnType<typeof createModel>} Kit */

module.exports = { createModel };
