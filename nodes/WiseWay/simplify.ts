import type { SimpleFields } from '../shared/simplify';

// What Simplify keeps of WiseWay's positions, candidates and webhooks.
export const SIMPLE_POSITION: SimpleFields = { id: ['id'], title: ['title'], status: ['status'], createdAt: ['createdAt'], updatedAt: ['updatedAt'] };

export const SIMPLE_CANDIDATE: SimpleFields = {
	id: ['id'],
	name: ['name'],
	email: ['email'],
	status: ['status'],
	createdAt: ['createdAt'],
	completedAt: ['completedAt'],
	link: ['reportUrl', 'interviewUrl'],
};

export const SIMPLE_WEBHOOK: SimpleFields = { id: ['id'], url: ['url'], events: ['events'], active: ['active', 'enabled'] };
