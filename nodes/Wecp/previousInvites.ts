import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { PreviousInvite } from '../shared/previousInvites';
import { isoDate, sameEmail } from '../shared/previousInvites';
import { listTestCandidates, wecpRequest } from './transport';

/** The e-mail of a row of a test's candidates. */
export function rowEmail(row: IDataObject): string {
	const details = (row.candidateDetails ?? {}) as IDataObject;
	return String(details.Email ?? details.email ?? row.email ?? '').toLowerCase();
}

/** A row of a test's candidates as a previous invite. */
export function asPreviousInvite(row: IDataObject, testId: string, testName: string | null): PreviousInvite {
	const status = row.testFinished === true ? 'completed' : row.testStartTime ? 'started' : 'invited';
	return {
		assessmentId: testId,
		assessmentName: testName,
		status,
		invitedAt: isoDate(row.invitedAt),
		completedAt: row.testFinished === true ? isoDate(row.finishTime) : null,
		inviteId: row.candidateId === undefined ? null : String(row.candidateId),
	};
}

/**
 * The candidate's invites in every test of the account: WeCP lists candidates per test only, so
 * one request for the tests and one per test. `rowsOf` answers the chosen test from the look-up
 * the invite made already.
 */
export async function invitesInAllTests(
	context: IExecuteFunctions,
	email: string,
	rowsOf: (testId: string) => Promise<IDataObject[]> | undefined,
	itemIndex: number,
): Promise<PreviousInvite[]> {
	const { body: tests } = await wecpRequest<IDataObject[]>(context, { method: 'GET', path: '/ats/wecp/tests', itemIndex });
	const invites: PreviousInvite[] = [];
	for (const test of Array.isArray(tests) ? tests : []) {
		const testId = String(test.testId ?? '');
		if (testId === '') continue;
		const rows = (await rowsOf(testId)) ?? (await listTestCandidates(context, testId, itemIndex));
		const name = typeof test.testName === 'string' ? test.testName : null;
		invites.push(...rows.filter((row) => sameEmail(rowEmail(row), email)).map((row) => asPreviousInvite(row, testId, name)));
	}
	return invites;
}
