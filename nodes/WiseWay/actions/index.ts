import type { Resource } from '../../shared/router';
import { operationMap, resourceProperties } from '../../shared/router';
import { withSimplify } from '../../shared/simplify';
import { SIMPLE_CANDIDATE, SIMPLE_POSITION, SIMPLE_WEBHOOK } from '../simplify';
import { getManyCandidates } from './candidate/getMany.operation';
import { inviteCandidate } from './candidate/invite.operation';
import { removeCandidate } from './candidate/remove.operation';
import { resendInvite } from './candidate/resend.operation';
import { createPosition } from './position/create.operation';
import { deletePosition } from './position/delete.operation';
import { getPosition } from './position/get.operation';
import { getManyPositions } from './position/getMany.operation';
import { updatePosition } from './position/update.operation';
import { createWebhook } from './webhook/create.operation';
import { deleteWebhook } from './webhook/delete.operation';
import { getManyWebhooks } from './webhook/getMany.operation';
import { updateWebhook } from './webhook/update.operation';

// Create stays the default of Position and Webhook: saved workflows rely on it.
const resources: Resource[] = [
	{ name: 'Candidate', value: 'candidate', operations: [inviteCandidate, resendInvite, withSimplify(getManyCandidates, SIMPLE_CANDIDATE), removeCandidate] },
	{
		name: 'Position',
		value: 'position',
		operations: [withSimplify(getManyPositions, SIMPLE_POSITION), withSimplify(getPosition, SIMPLE_POSITION), createPosition, updatePosition, deletePosition],
		defaultOperation: 'create',
	},
	{
		name: 'Webhook',
		value: 'webhook',
		operations: [withSimplify(getManyWebhooks, SIMPLE_WEBHOOK), createWebhook, updateWebhook, deleteWebhook],
		defaultOperation: 'create',
	},
];

export const wiseWayProperties = resourceProperties(resources);
export const wiseWayOperations = operationMap(resources);
