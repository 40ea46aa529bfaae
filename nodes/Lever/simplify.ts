import type { SimpleFields } from '../shared/simplify';

// What Simplify keeps of Lever's answers (Lever's dates are epoch milliseconds, as sent).
export const SIMPLE_OPPORTUNITY: SimpleFields = {
	id: ['id'],
	name: ['name'],
	email: ['emails.0', 'contact.email'],
	phone: ['phones.0.value'],
	stage: ['stage.text', 'stage.id', 'stage'],
	archived: ['archived.reason', 'archived'],
	tags: ['tags'],
	createdAt: ['createdAt'],
	updatedAt: ['updatedAt'],
	link: ['urls.show'],
};

export const SIMPLE_POSTING: SimpleFields = {
	id: ['id'],
	title: ['text'],
	state: ['state'],
	team: ['categories.team'],
	location: ['categories.location'],
	owner: ['owner'],
	hiringManager: ['hiringManager'],
	createdAt: ['createdAt'],
	updatedAt: ['updatedAt'],
	link: ['urls.show'],
};

export const SIMPLE_STAGE: SimpleFields = { id: ['id'], name: ['text'] };

export const SIMPLE_USER: SimpleFields = { id: ['id'], name: ['name'], email: ['email'], role: ['accessRole'], deactivatedAt: ['deactivatedAt'] };
