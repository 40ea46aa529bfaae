import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Operation } from '../../../shared/router';
import { wecpResult } from '../../result';
import { getCandidateReport } from '../../transport';
import { wecpId, wecpIdField } from '../common';

export const passMarkField = {
	displayName: 'Pass Mark (%)',
	name: 'passMark',
	type: 'number' as const,
	typeOptions: { minValue: 0, maxValue: 100 },
	default: 70,
	description: 'A candidate at or above this percentage passed; the output carries passed true or false',
};

export const getReport: Operation = {
	selector: { name: 'Get', value: 'get', description: "Get a candidate's score, pass or fail and report link", action: 'Get a report' },
	description: [
		wecpIdField('WeCP Candidate ID', 'candidateId', 'e.g. cand-1', "WeCP's ID of the test attempt, as returned by Invite or the WeCP Trigger"),
		passMarkField,
	],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const candidateId = wecpId(this, itemIndex, 'candidateId', 'WeCP Candidate ID');
		const passMark = this.getNodeParameter('passMark', itemIndex, 70) as number;
		const report = await getCandidateReport(this, candidateId, itemIndex);
		const finished = report.testFinished === true;
		return {
			...wecpResult(report, { event: 'report', status: finished ? 'completed' : 'started', passMark }, report),
			candidateId,
			questionWiseScore: (report.questionWiseScore ?? []) as IDataObject[],
		};
	},
};
