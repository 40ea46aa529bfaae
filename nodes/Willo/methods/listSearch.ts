import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { matching, plainValue, searchable } from '../../shared/locator';
import { willoList } from '../transport';
import { getInterviews, getInterviewTemplates } from './loadOptions';

export const searchInterviews = searchable(getInterviews);
export const searchInterviewTemplates = searchable(getInterviewTemplates);

// The most recent participants a picker shows; older ones are found by ID.
const PARTICIPANTS_SHOWN = 200;

/** Participants of the chosen interview (all interviews when none is chosen), searchable by name or e-mail. */
export async function searchParticipants(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const interview = String(plainValue(this.getCurrentNodeParameter('interviewId', { extractValue: true })) ?? '').trim();
	const participants = await willoList(this, '/participants/', interview ? { interview } : {}, { returnAll: false, limit: PARTICIPANTS_SHOWN });
	return matching(
		participants.map((participant) => ({
			name: `${String(participant.name ?? participant.key)}${participant.email ? ` <${String(participant.email)}>` : ''}`,
			value: String(participant.key),
		})),
		filter,
	);
}
