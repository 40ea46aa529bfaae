import type { SimpleFields } from '../shared/simplify';

// What Simplify keeps of Wepow's interview templates.
export const SIMPLE_TEMPLATE: SimpleFields = { id: ['id'], name: ['name'] };

// What Simplify keeps of an application summary (the list a reminder or a digest reads).
export const SIMPLE_APPLICATION: SimpleFields = {
	id: ['applicationId'],
	status: ['status'],
	email: ['candidate.email'],
	positionId: ['positionId'],
	dateSent: ['dateSent'],
	dateCompleted: ['dateCompleted'],
	atsApplicationId: ['atsApplicationId'],
	link: ['reviewUrl'],
};
