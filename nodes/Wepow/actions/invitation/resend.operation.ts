import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { embeddedList } from '../../hal';
import { applicationSummary } from '../../result';
import { wepowApi, wepowRequest } from '../../transport';
import { checkedWepowId } from '../common';

export const resendInvitation: Operation = {
	selector: { name: 'Resend', value: 'resend', description: 'E-mail an existing invitation again', action: 'Resend an invitation' },
	description: [
		{
			displayName: 'Application ID',
			name: 'applicationId',
			type: 'string',
			required: true,
			default: '',
			description: "Wepow's ID of the invitation to e-mail again, as Invitation: Send outputs it. Several IDs can be separated by commas.",
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const typed = String(this.getNodeParameter('applicationId', itemIndex, '') ?? '');
		const ids = typed.split(',').map((id) => id.trim()).filter(Boolean);
		if (ids.length === 0) {
			throw new NodeOperationError(this.getNode(), 'The field "Application ID" is required', {
				itemIndex,
				description: 'Expected one Wepow application ID, or several separated by commas.',
			});
		}
		for (const id of ids) checkedWepowId(this, itemIndex, id, 'Application ID');
		const api = await wepowApi(this, itemIndex);
		const { body } = await wepowRequest(this, {
			method: 'POST',
			url: `${api.href('wepow:application')}/${ids.map(encodeURIComponent).join(',')}/resend`,
			itemIndex,
		});
		const applications = embeddedList(body, 'wepow:application');
		if (applications.length === 0) return ids.map((applicationId) => ({ applicationId, resent: true }));
		return applications.map((application) => ({ ...applicationSummary(application), resent: true }));
	},
};
