import type { OperationMap } from '../../shared/router';
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

export const wiseWayOperations: OperationMap = {
	candidate: { invite: inviteCandidate, resend: resendInvite, getMany: getManyCandidates, remove: removeCandidate },
	position: { getMany: getManyPositions, get: getPosition, create: createPosition, update: updatePosition, delete: deletePosition },
	webhook: { getMany: getManyWebhooks, create: createWebhook, update: updateWebhook, delete: deleteWebhook },
};
