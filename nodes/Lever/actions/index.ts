import type { Resource } from '../../shared/router';
import { operationMap, resourceProperties } from '../../shared/router';
import { withSimplify } from '../../shared/simplify';
import { SIMPLE_OPPORTUNITY, SIMPLE_POSTING, SIMPLE_STAGE, SIMPLE_USER } from '../simplify';
import { createNote } from './note/create.operation';
import { changeStage } from './opportunity/changeStage.operation';
import { createOpportunity } from './opportunity/create.operation';
import { getOpportunity } from './opportunity/get.operation';
import { getManyOpportunities } from './opportunity/getMany.operation';
import { getPosting } from './posting/get.operation';
import { getManyPostings } from './posting/getMany.operation';
import { getManyStages } from './stage/getMany.operation';
import { addTags } from './tag/add.operation';
import { removeTags } from './tag/remove.operation';
import { getUser } from './user/get.operation';
import { getManyUsers } from './user/getMany.operation';

const resources: Resource[] = [
	{ name: 'Opportunity', value: 'opportunity', operations: [withSimplify(getOpportunity, SIMPLE_OPPORTUNITY), withSimplify(getManyOpportunities, SIMPLE_OPPORTUNITY), createOpportunity, changeStage] },
	{ name: 'Note', value: 'note', operations: [createNote] },
	{ name: 'Tag', value: 'tag', operations: [addTags, removeTags] },
	{ name: 'Stage', value: 'stage', operations: [withSimplify(getManyStages, SIMPLE_STAGE)] },
	// Get Many stays the default: saved workflows rely on it.
	{ name: 'Posting', value: 'posting', operations: [withSimplify(getPosting, SIMPLE_POSTING), withSimplify(getManyPostings, SIMPLE_POSTING)], defaultOperation: 'getMany' },
	{ name: 'User', value: 'user', operations: [withSimplify(getUser, SIMPLE_USER), withSimplify(getManyUsers, SIMPLE_USER)] },
];

export const leverProperties = resourceProperties(resources);
export const leverOperations = operationMap(resources);
