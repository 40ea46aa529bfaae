import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { wepowResult } from '../../result';
import { wepowApi, wepowRequest } from '../../transport';
import { applicationIdField, wepowId } from '../common';

export const getApplication: Operation = {
	selector: { name: 'Get', value: 'get', description: "Get a candidate's status, evaluation, dates and review links", action: 'Get an application' },
	description: [
		applicationIdField,
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const applicationId = wepowId(this, itemIndex, 'applicationId', 'Application ID');
		const api = await wepowApi(this, itemIndex);
		const { body } = await wepowRequest(this, { method: 'GET', url: api.href('wepow:application', { id: applicationId }), itemIndex });
		return wepowResult(body, 'application.get', body);
	},
};
