import { changeTags } from './change';

export const removeTags = changeTags('remove', {
	name: 'Remove',
	value: 'remove',
	description: 'Remove tags from an opportunity',
	action: 'Remove tags from an opportunity',
});
