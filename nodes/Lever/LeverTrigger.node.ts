import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { stringOrNull } from '../shared/model';
import { acknowledgeOnly, jsonObjectBody, matchesAnySignature, maxDeliveryAgeMs, maxDeliveryAgeOption } from '../shared/webhook';
import { openGate } from '../shared/deliveryGate';
import { rowsTakingEffect } from '../shared/assessmentMapping';
import { searchPostings, searchStages } from './methods/listSearch';
import { getPostings, getStages } from './methods/loadOptions';
import {
	assessmentChoiceProperty,
	assessmentMapping,
	assessmentTableProperties,
	stageHasAssessment,
	withAssessmentMapping,
} from './trigger/assessmentByPosting';
import { acceptedDelivery, resolveDeliveries } from './trigger/execution';
import { EVENTS, leverWebhooks, signatureTokens, wantedEvents } from './trigger/registration';

export class LeverTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Lever Trigger',
		name: 'leverTrigger',
		icon: { light: 'file:lever.svg', dark: 'file:lever.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves as 1. n8n itself differs: for a version-1 trigger it evaluates an expression
		// (the Webhook node's old binaryData option) on every delivery before webhook(), which
		// takes an expression isolate; from 1.1 it does not, so with lazy isolates a delivery is
		// answered without one (README "Performance").
		version: [1, 1.1],
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when a candidate moves stage, applies, is hired or archived in Lever',
		defaults: { name: 'Lever Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'leverApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: EVENTS,
				required: true,
				default: ['candidateStageChange'],
			},
			{
				displayName: 'Webhook Registration',
				name: 'registration',
				type: 'options',
				options: [
					{ name: 'Automatic (Lever Webhooks API)', value: 'api', description: 'The trigger creates its webhooks on activation and deletes them on deactivation' },
					{ name: 'Manual (Paste URL in Lever)', value: 'manual', description: 'For keys without the webhooks API: paste the production URL into Lever > Settings > Integrations > Webhooks' },
				],
				default: 'api',
			},
			{
				displayName:
					"Copy this node's Production URL into Lever (Settings > Integrations and API > Webhooks) for each event, then paste each event's signature token below",
				name: 'manualNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registration: ['manual'] } },
			},
			{
				displayName: 'Signature Tokens',
				name: 'signatureTokens',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				required: true,
				description: 'The signature token Lever shows beside each webhook, separated by commas when there are several',
				displayOptions: { show: { registration: ['manual'] } },
			},
			assessmentChoiceProperty,
			{
				displayName: 'Only Into Stage Names or IDs',
				name: 'toStageIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getStages' },
				default: [],
				description: 'Start only when the candidate moves into one of these stages; none means any stage. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				displayOptions: { show: { events: ['candidateStageChange'], assessmentSelection: ['none'] } },
			},
			{
				displayName: 'Only Posting Names or IDs',
				name: 'postingIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getPostings' },
				default: [],
				description: 'Start only for candidates who applied to one of these postings; none means any posting. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			...assessmentTableProperties,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Resolve Candidate',
						name: 'resolveCandidate',
						type: 'boolean',
						default: true,
						description: "Whether to fetch the opportunity so the output carries the candidate's e-mail, name, phone, posting and stage names",
					},
					{
						displayName: 'Resolve Posting Owner',
						name: 'resolvePostingOwner',
						type: 'boolean',
						default: false,
						description:
							"Whether to look up the owner of the candidate's posting (one or two more Lever calls) and output them as postingOwner { ID, name, email }, e.g. to act in WeCP on the owner's behalf",
					},
					maxDeliveryAgeOption('triggeredAt'),
				],
			},
		],
	};

	methods = { loadOptions: { getStages, getPostings }, listSearch: { searchStages, searchPostings } };

	webhookMethods = { default: withAssessmentMapping(leverWebhooks) };

	// Repeated deliveries are dropped here, where n8n's deduplication store is available; then
	// each delivery is confirmed with Lever and resolved (see trigger/execution.ts).
	execute = resolveDeliveries;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const opened = await openGate(this, {
			read: (context) => {
				const body = jsonObjectBody(context);
				return body && typeof body.event === 'string' ? body : 'Expected a Lever webhook delivery: a JSON object with "event"';
			},
			authenticate: (context, body) => {
				const { token, triggeredAt, signature } = body;
				if (typeof token !== 'string' || typeof signature !== 'string' || typeof triggeredAt !== 'number') {
					return 'Missing token, triggeredAt or signature';
				}
				if (!matchesAnySignature(signatureTokens(context), token + String(triggeredAt), signature)) return 'Signature does not match';
				// Lever signs token + triggeredAt only: they are what makes a delivery this one.
				return { repeatKey: `${token}:${triggeredAt}`, sentAt: triggeredAt };
			},
			maxAgeMs: maxDeliveryAgeMs(options),
		});
		if ('refused' in opened) return opened.refused;
		const { body } = opened;
		const event = String(body.event);
		const data = (body.data ?? {}) as IDataObject;
		// Lever's "verify" button sends a signed delivery with empty data: answer it, start nothing.
		if (Object.keys(data).length === 0) return acknowledgeOnly();
		if (!wantedEvents.call(this).includes(event)) return acknowledgeOnly();

		const stageChange = event === 'candidateStageChange';
		const toStageId = stringOrNull(data.toStageId);
		const mapping = stageChange ? assessmentMapping(this) : undefined;
		const toStageIds = this.getNodeParameter('toStageIds', []) as string[];
		if (mapping && !stageHasAssessment(mapping, toStageId)) return acknowledgeOnly();
		if (stageChange && !mapping && toStageIds.length > 0 && !toStageIds.includes(String(toStageId))) return acknowledgeOnly();

		// Every Lever look-up (stage confirmation, posting, owner, names) runs in the execution
		// (execute()), after n8n has answered: a delivery is answered without waiting for Lever.
		const rowsSince = mapping ? rowsTakingEffect(this.getWorkflowStaticData('node')) : undefined;
		return { workflowData: [this.helpers.returnJsonArray([acceptedDelivery(body, opened.deliveryId, rowsSince)])] };
	}
}
