import { changeTags } from './change';

export const addTags = changeTags('add', {
	name: 'Add',
	value: 'add',
	description: 'Add tags to an opportunity',
	action: 'Add tags to an opportunity',
});
