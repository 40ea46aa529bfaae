import type { OperationMap } from '../../shared/router';
import { changeStatus } from './applicantWorkflow/changeStatus.operation';
import { getWorkflow } from './applicantWorkflow/get.operation';
import { searchApplicantWorkflows } from './applicantWorkflow/search.operation';
import { writeAssessmentResult } from './assessmentResult/write.operation';
import { writeInterviewResult } from './interview/writeResult.operation';
import { getJob } from './job/get.operation';
import { getPerson } from './person/get.operation';

export const icimsOperations: OperationMap = {
	applicantWorkflow: { get: getWorkflow, changeStatus, search: searchApplicantWorkflows },
	assessmentResult: { write: writeAssessmentResult },
	interview: { writeResult: writeInterviewResult },
	person: { get: getPerson },
	job: { get: getJob },
};
