import type { Resource } from '../../shared/router';
import { operationMap, resourceProperties } from '../../shared/router';
import { withSimplify } from '../../shared/simplify';
import { SIMPLE_RESULT } from '../../shared/simpleResult';
import { SIMPLE_APPLICATION, SIMPLE_TEMPLATE } from '../simplify';
import { getApplication } from './application/get.operation';
import { getManyApplications } from './application/getMany.operation';
import { getManyTemplates } from './interviewTemplate/getMany.operation';
import { bulkSendInvitations } from './invitation/bulkSend.operation';
import { resendInvitation } from './invitation/resend.operation';
import { sendInvitation } from './invitation/send.operation';
import { createPositionOperation } from './position/create.operation';
import { findPosition } from './position/find.operation';
import { findOrCreatePosition } from './position/findOrCreate.operation';

const resources: Resource[] = [
	{ name: 'Invitation', value: 'invitation', operations: [sendInvitation, resendInvitation, bulkSendInvitations] },
	{ name: 'Position', value: 'position', operations: [findOrCreatePosition, findPosition, createPositionOperation] },
	{ name: 'Application', value: 'application', operations: [withSimplify(getApplication, SIMPLE_RESULT), withSimplify(getManyApplications, SIMPLE_APPLICATION)] },
	{ name: 'Interview Template', value: 'interviewTemplate', operations: [withSimplify(getManyTemplates, SIMPLE_TEMPLATE)] },
];

export const wepowProperties = resourceProperties(resources);
export const wepowOperations = operationMap(resources);
