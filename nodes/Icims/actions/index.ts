import type { Resource } from '../../shared/router';
import { operationMap, resourceProperties } from '../../shared/router';
import { withSimplify } from '../../shared/simplify';
import { SIMPLE_JOB, SIMPLE_PERSON, SIMPLE_WORKFLOW } from '../simplify';
import { changeStatus } from './applicantWorkflow/changeStatus.operation';
import { getWorkflow } from './applicantWorkflow/get.operation';
import { searchApplicantWorkflows } from './applicantWorkflow/search.operation';
import { writeAssessmentResult } from './assessmentResult/write.operation';
import { writeInterviewResult } from './interview/writeResult.operation';
import { getJob } from './job/get.operation';
import { getPerson } from './person/get.operation';

const resources: Resource[] = [
	{ name: 'Applicant Workflow', value: 'applicantWorkflow', operations: [withSimplify(getWorkflow, SIMPLE_WORKFLOW), changeStatus, searchApplicantWorkflows] },
	{ name: 'Assessment Result', value: 'assessmentResult', operations: [writeAssessmentResult] },
	{ name: 'Video Interview', value: 'interview', operations: [writeInterviewResult] },
	{ name: 'Person', value: 'person', operations: [withSimplify(getPerson, SIMPLE_PERSON)] },
	{ name: 'Job', value: 'job', operations: [withSimplify(getJob, SIMPLE_JOB)] },
];

export const icimsProperties = resourceProperties(resources);
export const icimsOperations = operationMap(resources);
