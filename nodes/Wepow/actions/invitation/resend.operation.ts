import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { maxResendsField, withResendLimit } from '../../../shared/resendLimit';
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
		maxResendsField('application'),
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
		const resend = async (batch: string[]): Promise<IDataObject[]> => {
			const { body } = await wepowRequest(this, {
				method: 'POST',
				url: `${api.href('wepow:application')}/${batch.map(encodeURIComponent).join(',')}/resend`,
				itemIndex,
			});
			const applications = embeddedList(body, 'wepow:application');
			if (applications.length === 0) return batch.map((applicationId) => ({ applicationId, resent: true }));
			return applications.map((application) => ({ ...applicationSummary(application), resent: true }));
		};
		const maxResends = this.getNodeParameter('maxResends', itemIndex, 0) as number;
		if (!(maxResends > 0)) return await resend(ids);
		// Counted per application: one request each, so one used up does not hold back the others.
		const answers: IDataObject[] = [];
		for (const id of ids) {
			answers.push(
				...(await withResendLimit<IDataObject[]>(
					this,
					`wepow:${id}`,
					maxResends,
					async (number) => (await resend([id])).map((answer) => ({ ...answer, resendNumber: number })),
					() => [{ applicationId: id, resent: false, limitReached: true, maxResends }],
				)),
			);
		}
		return answers;
	},
};
