import type { OperationMap } from '../../shared/router';
import { getApplication } from './application/get.operation';
import { getManyApplications } from './application/getMany.operation';
import { getManyTemplates } from './interviewTemplate/getMany.operation';
import { bulkSendInvitations } from './invitation/bulkSend.operation';
import { resendInvitation } from './invitation/resend.operation';
import { sendInvitation } from './invitation/send.operation';
import { createPositionOperation } from './position/create.operation';
import { findPosition } from './position/find.operation';
import { findOrCreatePosition } from './position/findOrCreate.operation';

export const wepowOperations: OperationMap = {
	invitation: { send: sendInvitation, resend: resendInvitation, bulkSend: bulkSendInvitations },
	position: { findOrCreate: findOrCreatePosition, find: findPosition, create: createPositionOperation },
	application: { get: getApplication, getMany: getManyApplications },
	interviewTemplate: { getMany: getManyTemplates },
};
