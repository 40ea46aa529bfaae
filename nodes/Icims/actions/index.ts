import type { Resource } from '../../shared/router';
import { operationMap, resourceProperties } from '../../shared/router';
import { changeStatus } from './applicantWorkflow/changeStatus.operation';
import { getWorkflow } from './applicantWorkflow/get.operation';
import { searchApplicantWorkflows } from './applicantWorkflow/search.operation';
import { writeAssessmentResult } from './assessmentResult/write.operation';
import { writeInterviewResult } from './interview/writeResult.operation';
import { getJob } from './job/get.operation';
import { getPerson } from './person/get.operation';

const resources: Resource[] = [
	{ name: 'Applicant Workflow', value: 'applicantWorkflow', operations: [getWorkflow, changeStatus, searchApplicantWorkflows] },
	{ name: 'Assessment Result', value: 'assessmentResult', operations: [writeAssessmentResult] },
	{ name: 'Video Interview', value: 'interview', operations: [writeInterviewResult] },
	{ name: 'Person', value: 'person', operations: [getPerson] },
	{ name: 'Job', value: 'job', operations: [getJob] },
];

export const icimsProperties = resourceProperties(resources);
export const icimsOperations = operationMap(resources);
