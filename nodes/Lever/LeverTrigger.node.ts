import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { AssessmentMapping, MappingLabels } from '../shared/assessmentMapping';
import {
	anyRowForStage,
	appliedBeforeRow,
	assessmentIdColumn,
	chooseAssessment,
	mappingProblem,
	mappingRows,
	recordRowsTakingEffect,
	rowTookEffectAt,
} from '../shared/assessmentMapping';
import type { AtsEvent, StageRef } from '../shared/model';
import { stringOrNull, toIsoDate } from '../shared/model';
import {
	acknowledgeOnly,
	dropRepeatedDeliveries,
	isReplay,
	isWithinTolerance,
	jsonObjectBody,
	matchesAnySignature,
	maxDeliveryAgeMs,
	maxDeliveryAgeOption,
	rejectDelivery,
	unexpectedEnvelope,
} from '../shared/webhook';
import type { Registration } from '../shared/webhookRegistration';
import { registrationsOf, webhookLifecycle } from '../shared/webhookRegistration';
import { getPostings, getStages } from './methods/loadOptions';
import {
	appliedAt,
	leverList,
	leverRequest,
	opportunityContact,
	opportunityPostingId,
	postingOwner,
} from './transport';

const EVENTS = [
	{ name: 'Application Created', value: 'applicationCreated' },
	{ name: 'Candidate Archive Change', value: 'candidateArchiveChange' },
	{ name: 'Candidate Deleted', value: 'candidateDeleted' },
	{ name: 'Candidate Hired', value: 'candidateHired' },
	{ name: 'Candidate Stage Change', value: 'candidateStageChange' },
	{ name: 'Contact Created', value: 'contactCreated' },
	{ name: 'Contact Updated', value: 'contactUpdated' },
	{ name: 'Interview Created', value: 'interviewCreated' },
	{ name: 'Interview Deleted', value: 'interviewDeleted' },
	{ name: 'Interview Updated', value: 'interviewUpdated' },
];


function wantedEvents(this: IHookFunctions | IWebhookFunctions): string[] {
	return this.getNodeParameter('events', []) as string[];
}

function isManaged(this: IHookFunctions | IWebhookFunctions): boolean {
	return this.getNodeParameter('registration', 'api') === 'api';
}

const lifecycle = webhookLifecycle({
	isManaged,
	wantedEvents,
	async list() {
		const hooks = await leverList(this, '/webhooks', {}, { returnAll: true, limit: 0 });
		return hooks.map((hook) => ({ id: String(hook.id), url: String(hook.url), event: String(hook.event) }));
	},
	async create(url, events) {
		const registrations: Registration[] = [];
		// Lever holds one event per webhook, each with its own signature token.
		for (const event of events) {
			const response = await leverRequest<{ data: IDataObject }>(this, {
				method: 'POST',
				path: '/webhooks',
				body: { url, event },
			});
			const configuration = (response.data.configuration ?? {}) as IDataObject;
			registrations.push({
				id: String(response.data.id),
				event,
				secret: String(configuration.signatureToken ?? ''),
			});
		}
		return registrations;
	},
	async remove(id) {
		await leverRequest(this, { method: 'DELETE', path: `/webhooks/${encodeURIComponent(id)}`, acceptStatuses: [404] });
	},
});

const MAPPING_LABELS: MappingLabels = {
	job: 'posting',
	table: 'Assessment per Posting',
	defaultAssessment: 'Default Assessment ID',
	defaultStage: 'Default Stage',
};
const MAPPING_FORM =
	'Expected one row per posting, each with a posting, a stage and an assessment ID; and a Default Stage when a Default Assessment ID is set.';

/** The posting → (stage, assessment) table as the user filled it in; undefined when not chosen. */
function readMapping(context: IHookFunctions | IWebhookFunctions): AssessmentMapping | undefined {
	if (!wantedEvents.call(context).includes('candidateStageChange')) return undefined;
	if (context.getNodeParameter('assessmentSelection', 'none') !== 'byPosting') return undefined;
	return {
		rows: mappingRows(context.getNodeParameter('assessmentsByPosting', {}), 'postingId'),
		defaultAssessmentId: String(context.getNodeParameter('defaultAssessmentId', '') ?? '').trim(),
		defaultStageId: String(context.getNodeParameter('defaultStageId', '') ?? '').trim(),
	};
}

/** The table, checked: a posting mapped twice stops here, named (by `names` when known). */
function assessmentMapping(
	context: IHookFunctions | IWebhookFunctions,
	names?: Map<string, string>,
): AssessmentMapping | undefined {
	const mapping = readMapping(context);
	const problem = mapping && mappingProblem(mapping, MAPPING_LABELS, names);
	if (problem) throw new NodeOperationError(context.getNode(), problem, { description: MAPPING_FORM });
	return mapping;
}

/** Posting and stage names for an activation error, so the user sees which posting is meant. */
async function postingAndStageNames(context: IHookFunctions): Promise<Map<string, string>> {
	const [postings, stages] = await Promise.all([
		leverList(context, '/postings', {}, { returnAll: true, limit: 0 }),
		leverList(context, '/stages', {}, { returnAll: true, limit: 0 }),
	]);
	return new Map([...postings, ...stages].map((entry) => [String(entry.id), String(entry.text)]));
}

/** Activation checks the table and records when each row took effect (no retroactive invites). */
function withAssessmentMapping(base: typeof lifecycle): typeof lifecycle {
	const record = async (context: IHookFunctions) => {
		const unchecked = readMapping(context);
		let names: Map<string, string> | undefined;
		if (unchecked && mappingProblem(unchecked, MAPPING_LABELS) !== undefined) {
			// Names make the error easier to act on; without them the ids still say which posting.
			names = await postingAndStageNames(context).catch(() => undefined);
		}
		const mapping = assessmentMapping(context, names);
		recordRowsTakingEffect(context.getWorkflowStaticData('node'), mapping?.rows ?? [], Date.now());
	};
	return {
		async checkExists(this: IHookFunctions): Promise<boolean> {
			await record(this);
			return await base.checkExists.call(this);
		},
		async create(this: IHookFunctions): Promise<boolean> {
			await record(this);
			return await base.create.call(this);
		},
		async delete(this: IHookFunctions): Promise<boolean> {
			return await base.delete.call(this);
		},
	};
}

/**
 * The signature tokens a delivery may be signed with. Any of ours is accepted whatever the event:
 * Lever's "verify" ping says candidateHired even on a webhook registered for another event.
 */
function signatureTokens(context: IWebhookFunctions): string[] {
	if (isManaged.call(context)) {
		return registrationsOf(context.getWorkflowStaticData('node')).map((registration) => registration.secret ?? '');
	}
	const typed = context.getNodeParameter('signatureTokens', '') as string;
	return typed.split(',').map((token) => token.trim()).filter(Boolean);
}

async function stageNames(context: IWebhookFunctions): Promise<Map<string, string>> {
	const stages = await leverList(context, '/stages', {}, { returnAll: true, limit: 0 });
	return new Map(stages.map((stage) => [String(stage.id), String(stage.text)]));
}

/** The stage id of an opportunity, expanded ({ id, text }) or not (the id). */
function stageIdOf(stage: unknown): string | null {
	if (stage && typeof stage === 'object') return stringOrNull((stage as IDataObject).id);
	return stringOrNull(stage);
}

function stageRef(id: unknown, names?: Map<string, string>): StageRef | null {
	const stageId = stringOrNull(id);
	return stageId === null ? null : { id: stageId, name: names?.get(stageId) ?? null };
}

export class LeverTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Lever Trigger',
		name: 'leverTrigger',
		icon: { light: 'file:lever.svg', dark: 'file:lever.dark.svg' },
		group: ['trigger'],
		version: 1,
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
			{
				displayName: 'Assessment Choice',
				name: 'assessmentSelection',
				type: 'options',
				options: [
					{
						name: 'Same for Every Posting',
						value: 'none',
						description: 'The next node names the test; Only Into Stage picks the stages',
					},
					{
						name: 'By Posting (Table)',
						value: 'byPosting',
						description: 'Each posting its own assessment at its own stage, from a table; a default for the others',
					},
				],
				default: 'none',
				displayOptions: { show: { events: ['candidateStageChange'] } },
			},
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
			{
				displayName: 'Assessment per Posting',
				name: 'assessmentsByPosting',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true, sortable: true },
				placeholder: 'Add Posting',
				default: {},
				description:
					"One row per posting: the stage that sends its candidates to an assessment, and which one. The output carries the chosen assessmentId. Candidates who applied before a row was published are not invited.",
				displayOptions: { show: { events: ['candidateStageChange'], assessmentSelection: ['byPosting'] } },
				options: [
					{
						displayName: 'Posting',
						name: 'rows',
						values: [
							{
								displayName: 'Posting Name or ID',
								name: 'postingId',
								type: 'options',
								typeOptions: { loadOptionsMethod: 'getPostings' },
								default: '',
								description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
							},
							{
								displayName: 'Stage Name or ID',
								name: 'stageId',
								type: 'options',
								typeOptions: { loadOptionsMethod: 'getStages' },
								default: '',
								description: 'The one stage that sends this posting\'s candidates to the assessment. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
							},
							assessmentIdColumn,
						],
					},
				],
			},
			{
				displayName: 'Default Assessment ID',
				name: 'defaultAssessmentId',
				type: 'string',
				default: '',
				placeholder: 'e.g. test-sql-301',
				description: 'The assessment for candidates of postings without a row. Empty: they start nothing.',
				displayOptions: { show: { events: ['candidateStageChange'], assessmentSelection: ['byPosting'] } },
			},
			{
				displayName: 'Default Stage Name or ID',
				name: 'defaultStageId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getStages' },
				default: '',
				description: 'The stage that sends candidates of postings without a row to the default assessment. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				displayOptions: { show: { events: ['candidateStageChange'], assessmentSelection: ['byPosting'] } },
			},
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

	methods = { loadOptions: { getStages, getPostings } };

	webhookMethods = { default: withAssessmentMapping(lifecycle) };

	// Repeated deliveries are dropped here, where n8n's deduplication store is available.
	execute = dropRepeatedDeliveries;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const unexpected = unexpectedEnvelope(this);
		if (unexpected) return rejectDelivery(this, 400, unexpected);
		const body = jsonObjectBody(this);
		if (!body || typeof body.event !== 'string') {
			return rejectDelivery(this, 400, 'Expected a Lever webhook delivery: a JSON object with "event"');
		}
		const event = body.event;
		const { token, triggeredAt, signature } = body;
		if (typeof token !== 'string' || typeof signature !== 'string' || typeof triggeredAt !== 'number') {
			return rejectDelivery(this, 401, 'Missing token, triggeredAt or signature');
		}
		if (!matchesAnySignature(signatureTokens(this), token + String(triggeredAt), signature)) {
			return rejectDelivery(this, 401, 'Signature does not match');
		}
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const toleranceMs = maxDeliveryAgeMs(options);
		const now = Date.now();
		if (!isWithinTolerance(triggeredAt, now, toleranceMs)) {
			return rejectDelivery(this, 401, 'triggeredAt is outside the accepted window');
		}
		if (isReplay(this.getWorkflowStaticData('node'), token, now, toleranceMs)) {
			return rejectDelivery(this, 401, 'This delivery was received before');
		}

		const data = (body.data ?? {}) as IDataObject;
		// Lever's "verify" button sends a signed delivery with empty data: answer it, start nothing.
		if (Object.keys(data).length === 0) return acknowledgeOnly();
		if (!wantedEvents.call(this).includes(event)) return acknowledgeOnly();

		const toStageIds = this.getNodeParameter('toStageIds', []) as string[];
		const mapping = event === 'candidateStageChange' ? assessmentMapping(this) : undefined;
		const toStageId = stringOrNull(data.toStageId);
		if (mapping && !anyRowForStage(mapping, toStageId)) return acknowledgeOnly();
		if (event === 'candidateStageChange' && !mapping && toStageIds.length > 0 && !toStageIds.includes(String(data.toStageId))) {
			return acknowledgeOnly();
		}

		const opportunityId = stringOrNull(data.opportunityId ?? data.candidateId);
		const postingIds = this.getNodeParameter('postingIds', []) as string[];
		const resolve = options.resolveCandidate !== false;
		const resolveOwner = options.resolvePostingOwner === true;
		// Lever signs only token + triggeredAt, not the data: a stage change is confirmed with Lever
		// itself before it invites anyone, so a delivery whose data was altered starts nothing.
		const confirm = event === 'candidateStageChange';
		let opportunity: IDataObject | undefined;
		if (opportunityId && (resolve || confirm || resolveOwner || mapping || postingIds.length > 0)) {
			const response = await leverRequest<{ data?: IDataObject }>(this, {
				method: 'GET',
				path: `/opportunities/${encodeURIComponent(opportunityId)}`,
				qs: { expand: ['applications', 'stage'] },
				acceptStatuses: [404],
			});
			if (!response.data) return rejectDelivery(this, 400, `Lever has no opportunity ${opportunityId}`);
			opportunity = response.data;
		}
		if (confirm && (!opportunity || stageIdOf(opportunity.stage) !== String(data.toStageId))) {
			return rejectDelivery(this, 400, 'The stage change does not match the opportunity in Lever');
		}
		const postingId = opportunity ? opportunityPostingId(opportunity) : null;
		if (postingIds.length > 0 && (postingId === null || !postingIds.includes(postingId))) {
			return acknowledgeOnly();
		}

		let assessment: IDataObject = {};
		if (mapping) {
			const choice = chooseAssessment(mapping, postingId, toStageId);
			if (!choice) return acknowledgeOnly();
			if (choice.row) {
				const since = rowTookEffectAt(this.getWorkflowStaticData('node'), choice.row);
				// Candidates already in the posting when its row was published are not invited.
				if (appliedBeforeRow(opportunity ? appliedAt(opportunity, postingId) : null, since)) return acknowledgeOnly();
			}
			assessment = { assessmentId: choice.assessmentId, assessmentMatchedBy: choice.matchedBy === 'job' ? 'posting' : 'default' };
		}
		const owner = resolveOwner && opportunity ? await postingOwner(this, opportunity, postingId) : null;

		const names = resolve && event === 'candidateStageChange' ? await stageNames(this) : undefined;
		const contact = opportunity ? opportunityContact(opportunity) : { email: null, name: null, phone: null };
		const output: AtsEvent = {
			ats: 'lever',
			event,
			candidateId: stringOrNull(data.contactId ?? opportunity?.contact),
			applicationId: opportunityId,
			jobId: postingId,
			fromStage: stageRef(data.fromStageId, names),
			toStage: stageRef(data.toStageId, names),
			...contact,
			occurredAt: toIsoDate(triggeredAt),
			...assessment,
			...(resolveOwner ? { postingOwner: owner } : {}),
			raw: body,
		};
		return { workflowData: [this.helpers.returnJsonArray([output])] };
	}
}
