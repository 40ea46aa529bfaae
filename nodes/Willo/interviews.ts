import { cached } from '../shared/cache';
import type { RequestContext } from '../shared/http';
import type { AssessmentResult } from '../shared/model';
import { stringOrNull } from '../shared/model';
import { keyPath, WILLO_CREDENTIAL, willoRequest } from './transport';

/** Titles are renamed rarely; a rename shows in results within this time. */
export const INTERVIEW_TITLE_TTL_MS = 15 * 60 * 1000;

/**
 * The title of a Willo interview (null when Willo no longer has it), kept per credential for a
 * while: Willo's participants and deliveries carry only the interview's key.
 */
export async function interviewTitle(context: RequestContext, interviewKey: string, itemIndex?: number): Promise<string | null> {
	// Per credential: another account's key must not read a title through this one's lookup.
	const credentialId = context.getNode().credentials?.[WILLO_CREDENTIAL]?.id ?? '';
	return await cached(`willo:interview-title:${credentialId}:${interviewKey}`, INTERVIEW_TITLE_TTL_MS, async () => {
		const { statusCode, body } = await willoRequest(context, {
			method: 'GET',
			path: keyPath('interviews', interviewKey),
			itemIndex,
			acceptStatuses: [404],
		});
		return statusCode === 404 ? null : stringOrNull(body.title);
	});
}

/** The result with its assessment named by the interview's title when the participant gave only the key. */
export async function withInterviewTitle(context: RequestContext, result: AssessmentResult, itemIndex?: number): Promise<AssessmentResult> {
	const { id, name } = result.assessment;
	if (id === null || name !== null) return result;
	return { ...result, assessment: { id, name: await interviewTitle(context, id, itemIndex) } };
}
