import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { listLimits, returnAllFields } from '../../../shared/fields';
import type { Operation } from '../../../shared/router';
import { applicationSummary } from '../../result';
import { wepowApi, wepowList } from '../../transport';
import { positionIdField, wepowId } from '../common';

export const getManyApplications: Operation = {
	selector: { name: 'Get Many', value: 'getMany', description: "List a position's applications (invitations), e.g. the open ones to remind", action: 'Get many applications' },
	description: [
		{ ...positionIdField, description: 'The Wepow interview ("position") whose applications to list. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.' },
		...returnAllFields,
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const positionId = wepowId(this, itemIndex, 'positionId', 'Position');
		const api = await wepowApi(this, itemIndex);
		const applications = await wepowList(this, `${api.href('wepow:interview', { id: positionId })}/applications`, 'wepow:application', {}, listLimits(this, itemIndex));
		// The summary every Wepow operation outputs (status, dates, candidate e-mail, ATS ids), not the HAL body.
		return applications.map((application) => {
			const summary = applicationSummary(application);
			return { ...summary, positionId: summary.positionId ?? positionId };
		});
	},
};
