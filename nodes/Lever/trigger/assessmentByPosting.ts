import type { IDataObject, IHookFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { AssessmentMapping, MappingLabels, MappingState } from '../../shared/assessmentMapping';
import {
	anyRowForStage,
	appliedBeforeRow,
	assessmentIdColumn,
	chooseAssessment,
	mappingProblem,
	mappingRows,
	recordRowsTakingEffect,
	rowTookEffectAt,
} from '../../shared/assessmentMapping';
import { postingField, stageField } from '../actions/common';
import { appliedAt, leverList } from '../transport';
import type { TriggerContext } from './registration';
import { triggerParameter, wantedEvents } from './registration';

/** The trigger's "Assessment Choice" selector. */
export const assessmentChoiceProperty: INodeProperties = {
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
};

/** The posting → (stage, assessment) table and its defaults. */
export const assessmentTableProperties: INodeProperties[] = [
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
					postingField('The posting whose candidates this row sends', false),
					stageField("The one stage that sends this posting's candidates to the assessment", false),
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
		...stageField('The stage that sends candidates of postings without a row to the default assessment', false),
		displayName: 'Default Stage',
		name: 'defaultStageId',
		displayOptions: { show: { events: ['candidateStageChange'], assessmentSelection: ['byPosting'] } },
	},
];

const MAPPING_LABELS: MappingLabels = {
	job: 'posting',
	table: 'Assessment per Posting',
	defaultAssessment: 'Default Assessment ID',
	defaultStage: 'Default Stage',
};
const MAPPING_FORM =
	'Expected one row per posting, each with a posting, a stage and an assessment ID; and a Default Stage when a Default Assessment ID is set.';

/** The posting → (stage, assessment) table as the user filled it in; undefined when not chosen. */
function readMapping(context: TriggerContext): AssessmentMapping | undefined {
	if (!wantedEvents.call(context).includes('candidateStageChange')) return undefined;
	if (triggerParameter(context, 'assessmentSelection', 'none') !== 'byPosting') return undefined;
	return {
		rows: mappingRows(triggerParameter(context, 'assessmentsByPosting', {}), 'postingId'),
		defaultAssessmentId: String(triggerParameter(context, 'defaultAssessmentId', '') ?? '').trim(),
		defaultStageId: String(triggerParameter(context, 'defaultStageId', '', { extractValue: true }) ?? '').trim(),
	};
}

/** The table, checked: a posting mapped twice stops here, named (by `names` when known). */
export function assessmentMapping(
	context: TriggerContext,
	names?: Map<string, string>,
): AssessmentMapping | undefined {
	const mapping = readMapping(context);
	const problem = mapping && mappingProblem(mapping, MAPPING_LABELS, names);
	if (problem) throw new NodeOperationError(context.getNode(), problem, { description: MAPPING_FORM });
	return mapping;
}

export interface Lifecycle {
	checkExists(this: IHookFunctions): Promise<boolean>;
	create(this: IHookFunctions): Promise<boolean>;
	delete(this: IHookFunctions): Promise<boolean>;
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
export function withAssessmentMapping<L extends Lifecycle>(base: L): Lifecycle {
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

/** Whether any row (or the default) sends candidates moving into this stage somewhere. */
export function stageHasAssessment(mapping: AssessmentMapping, toStageId: string | null): boolean {
	return anyRowForStage(mapping, toStageId);
}

/**
 * The assessment for a candidate of this posting moving into this stage, as output fields, or
 * undefined when none applies (no row, or the candidate applied before the row took effect:
 * `rowsSince`, the times webhook() read from static data, see rowsTakingEffect).
 */
export function postingAssessment(
	rowsSince: MappingState,
	mapping: AssessmentMapping,
	opportunity: IDataObject | undefined,
	postingId: string | null,
	toStageId: string | null,
): IDataObject | undefined {
	const choice = chooseAssessment(mapping, postingId, toStageId);
	if (!choice) return undefined;
	if (choice.row) {
		const since = rowTookEffectAt(rowsSince, choice.row);
		// Candidates already in the posting when its row was published are not invited.
		if (appliedBeforeRow(opportunity ? appliedAt(opportunity, postingId) : null, since)) return undefined;
	}
	return { assessmentId: choice.assessmentId, assessmentMatchedBy: choice.matchedBy === 'job' ? 'posting' : 'default' };
}
