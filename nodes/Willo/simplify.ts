import type { SimpleFields } from '../shared/simplify';

// What Simplify keeps of Willo's interviews and participants.
export const SIMPLE_INTERVIEW: SimpleFields = { id: ['key'], title: ['title'], status: ['status'], createdAt: ['created_at'], link: ['invite_link'] };

export const SIMPLE_PARTICIPANT: SimpleFields = {
	id: ['key'],
	name: ['name'],
	email: ['email'],
	status: ['status'],
	stage: ['stage'],
	createdAt: ['created_at'],
	completedAt: ['completed_at'],
	link: ['share_link', 'invite_link'],
};
