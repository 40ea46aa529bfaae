import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { willoList } from '../transport';

function byName(a: INodePropertyOptions, b: INodePropertyOptions): number {
	return a.name.localeCompare(b.name);
}

const everything = { returnAll: true, limit: 0 };

export async function getInterviews(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const interviews = await willoList(this, '/interviews/', {}, everything);
	return interviews
		.map((interview) => ({
			name: `${String(interview.title)}${interview.status && interview.status !== 'active' ? ` (${String(interview.status)})` : ''}`,
			value: String(interview.key),
		}))
		.sort(byName);
}

export async function getInterviewTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const templates = await willoList(this, '/interview-templates/', {}, everything);
	return templates.map((template) => ({ name: String(template.title ?? template.name), value: String(template.key) })).sort(byName);
}
