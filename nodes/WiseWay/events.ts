/** The six events a WiseWay webhook can carry, as the trigger and the Webhook resource offer them. */
export const WEBHOOK_EVENTS = [
	{ name: 'Candidate Created', value: 'candidate.created', description: 'A candidate was added to a position' },
	{ name: 'Candidate Invited', value: 'candidate.invited', description: 'A candidate was sent (or given) the interview link' },
	{ name: 'Interview Completed', value: 'interview.completed', description: 'A candidate submitted their interview' },
	{ name: 'Interview Started', value: 'interview.started', description: 'A candidate opened the interview and began answering' },
	{ name: 'Position Created', value: 'position.created' },
	{ name: 'Position Updated', value: 'position.updated' },
];

export const EVENT_NAMES = WEBHOOK_EVENTS.map((event) => event.value);

export const POSITION_EVENTS = ['position.created', 'position.updated'];
