import type { OperationMap } from '../../shared/router';
import { createNote } from './note/create.operation';
import { changeStage } from './opportunity/changeStage.operation';
import { createOpportunity } from './opportunity/create.operation';
import { getOpportunity } from './opportunity/get.operation';
import { getManyOpportunities } from './opportunity/getMany.operation';
import { getPosting } from './posting/get.operation';
import { getManyPostings, getManyStages, getManyUsers } from './reference/getMany.operation';
import { addTags, removeTags } from './tag/change.operation';
import { getUser } from './user/get.operation';

export const leverOperations: OperationMap = {
	opportunity: { get: getOpportunity, getMany: getManyOpportunities, create: createOpportunity, changeStage },
	note: { create: createNote },
	tag: { add: addTags, remove: removeTags },
	stage: { getMany: getManyStages },
	posting: { get: getPosting, getMany: getManyPostings },
	user: { get: getUser, getMany: getManyUsers },
};
