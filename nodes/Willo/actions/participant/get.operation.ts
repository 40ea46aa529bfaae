import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { withInterviewTitle } from '../../interviews';
import { willoResult } from '../../result';
import { getParticipant } from '../../transport';
import { participantKeyField, willoKey } from '../common';

export const getParticipantWithResponses: Operation = {
	selector: { name: 'Get', value: 'get', description: "Get a participant's answers: questions, video links, transcripts", action: 'Get a participant with responses' },
	description: [participantKeyField],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const participantKey = willoKey(this, itemIndex, 'participantKey', 'Participant ID');
		const participant = await getParticipant(this, participantKey, itemIndex);
		return {
			...(await withInterviewTitle(this, willoResult(participant, { event: 'participant' }, participant), itemIndex)),
			willoParticipantKey: participantKey,
			stage: participant.stage ?? null,
		};
	},
};
