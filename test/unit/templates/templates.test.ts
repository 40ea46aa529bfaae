import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import type { INodeType, ICredentialType, INodeProperties } from 'n8n-workflow';

const root = join(__dirname, '..', '..', '..');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
};
const templatesDir = join(root, 'workflows-templates');

/** Loads a package.json entry (dist/x.js) from its TypeScript source, as n8n would load the build. */
function loadClass<T>(entry: string): T {
	const source = entry.replace(/^dist\//, '').replace(/\.js$/, '');
	const className = source.split('/').pop()!.split('.')[0];
	const module = require(join(root, source)) as Record<string, new () => T>;
	expect(module[className]).toBeDefined();
	return new module[className]();
}

const nodeTypes = new Map(
	packageJson.n8n.nodes.map((entry) => {
		const node = loadClass<INodeType>(entry);
		return [`${packageJson.name}.${node.description.name}`, node];
	}),
);
const credentialTypes = new Set(packageJson.n8n.credentials.map((entry) => loadClass<ICredentialType>(entry).name));

// n8n's own nodes that templates may use.
const BUILT_IN = new Set([
	'n8n-nodes-base.stickyNote',
	'n8n-nodes-base.if',
	'n8n-nodes-base.set',
	'n8n-nodes-base.noOp',
	'n8n-nodes-base.emailSend',
	'n8n-nodes-base.scheduleTrigger',
	'n8n-nodes-base.googleSheets',
	'n8n-nodes-base.convertToFile',
	'n8n-nodes-base.readWriteFile',
	'n8n-nodes-base.removeDuplicates',
	'n8n-nodes-base.bambooHr',
	'n8n-nodes-base.summarize',
	'n8n-nodes-base.slack',
]);
// The credential types of n8n's own nodes that templates may reference (n8n ships them, not this package).
const BUILT_IN_CREDENTIALS = new Map([
	['n8n-nodes-base.bambooHr', ['bambooHrApi']],
	['n8n-nodes-base.emailSend', ['smtp']],
	['n8n-nodes-base.slack', ['slackApi']],
]);

interface TemplateNode {
	name: string;
	type: string;
	typeVersion: number;
	webhookId?: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
}
interface Template {
	name: string;
	nodes: TemplateNode[];
	connections: Record<string, { main: Array<Array<{ node: string; type: string; index: number }>> }>;
}

const files = readdirSync(templatesDir).filter((file) => file.endsWith('.json'));

describe('package.json', () => {
	it('registers every node and credential under the fixed public names', () => {
		expect([...nodeTypes.keys()].sort()).toEqual(
			expect.arrayContaining([
				'n8n-nodes-ats-assessments.lever',
				'n8n-nodes-ats-assessments.leverTrigger',
				'n8n-nodes-ats-assessments.wecp',
				'n8n-nodes-ats-assessments.wecpTrigger',
			]),
		);
		expect([...credentialTypes]).toEqual(expect.arrayContaining(['leverApi', 'wecpApi']));
	});
});

describe('workflow templates', () => {
	it('include the two loops of the first integration', () => {
		expect(files).toEqual(expect.arrayContaining(['lever-stage-to-wecp-invite.json', 'wecp-result-to-lever-note.json']));
	});

	it('include a reminder loop per vendor, a prior-invite warning and the recruiter notifications', () => {
		expect(files).toEqual(
			expect.arrayContaining([
				'wecp-open-to-wecp-reminder.json',
				'willo-open-to-willo-reminder.json',
				'wiseway-open-to-wiseway-reminder.json',
				'wepow-open-to-wepow-reminder.json',
				'lever-stage-to-wecp-invite-checked.json',
				'wecp-result-to-recruiter-email.json',
				'wecp-completed-to-recruiter-digest.json',
				'wepow-result-to-recruiter-email.json',
			]),
		);
	});

	// The hand-off to an HR system is named by its issue as the product knows it: source-event-to-target.
	const NAMED_BY_ISSUE = ['lever-hired-to-bamboohr.json'];
	it.each(files.filter((file) => !NAMED_BY_ISSUE.includes(file)))('%s is named <source>-<event>-to-<target>-<action>.json', (file) => {
		expect(file).toMatch(/^[a-z0-9]+-[a-z0-9]+-to-[a-z0-9]+-[a-z0-9-]+\.json$/);
	});

	describe.each(files)('%s', (file) => {
		const template = JSON.parse(readFileSync(join(templatesDir, file), 'utf8')) as Template;
		const names = new Set(template.nodes.map((node) => node.name));

		it('references only node types that exist, at versions they have', () => {
			for (const node of template.nodes) {
				if (BUILT_IN.has(node.type)) continue;
				const nodeType = nodeTypes.get(node.type);
				expect({ node: node.name, known: nodeType !== undefined }).toEqual({ node: node.name, known: true });
				const versions = ([] as number[]).concat(nodeType!.description.version);
				expect(versions).toContain(node.typeVersion);
			}
		});

		it('puts each trigger of ours at its latest version (a Lever Trigger at 1.1 is answered without an expression isolate)', () => {
			for (const node of template.nodes) {
				const nodeType = nodeTypes.get(node.type);
				if (BUILT_IN.has(node.type) || !nodeType || !node.type.endsWith('Trigger')) continue;
				const versions = ([] as number[]).concat(nodeType.description.version);
				expect({ node: node.name, typeVersion: node.typeVersion }).toEqual({ node: node.name, typeVersion: Math.max(...versions) });
			}
		});

		it('sets only parameters its nodes declare', () => {
			for (const node of template.nodes) {
				const nodeType = nodeTypes.get(node.type);
				if (!nodeType) continue;
				const declared = new Set(nodeType.description.properties.map((property) => property.name));
				if (nodeType.description.polling) declared.add('pollTimes');
				for (const parameter of Object.keys(node.parameters)) {
					expect({ node: node.name, parameter, declared: declared.has(parameter) }).toEqual({ node: node.name, parameter, declared: true });
				}
			}
		});

		it('connects only nodes it has', () => {
			for (const [from, outputs] of Object.entries(template.connections)) {
				expect(names.has(from)).toBe(true);
				for (const output of outputs.main) for (const link of output) expect(names.has(link.node)).toBe(true);
			}
		});

		it('names only credential types the package ships, on nodes that take them', () => {
			for (const node of template.nodes) {
				for (const credentialType of Object.keys(node.credentials ?? {})) {
					if (BUILT_IN_CREDENTIALS.get(node.type)?.includes(credentialType)) continue;
					expect(credentialTypes.has(credentialType)).toBe(true);
					const accepted = nodeTypes.get(node.type)?.description.credentials?.map((c) => c.name) ?? [];
					expect(accepted).toContain(credentialType);
				}
			}
		});

		it('gives every webhook trigger its own webhookId', () => {
			for (const node of template.nodes) {
				if (nodeTypes.get(node.type)?.description.webhooks) expect(node.webhookId).toMatch(/^[0-9a-f-]{36}$/);
			}
		});
	});

	it('give a picker its picker form (mode and value), as the editor saves it, and a plain field a plain value', () => {
		// The property a parameter fills is the one whose displayOptions match the node's resource,
		// operation and version: two operations may each have a field of the same name.
		const applies = (property: INodeProperties, parameters: Record<string, unknown>, version: number): boolean =>
			Object.entries(property.displayOptions?.show ?? {}).every(([name, values]) =>
				name === '@version' ? (values as unknown[]).includes(version) : !(name in parameters) && !['resource', 'operation'].includes(name) ? true : (values as unknown[]).includes(parameters[name]),
			) && !Object.entries(property.displayOptions?.hide ?? {}).some(([name, values]) => name in parameters && (values as unknown[]).includes(parameters[name]));
		const wrong: string[] = [];
		for (const file of files) {
			for (const node of (JSON.parse(readFileSync(join(templatesDir, file), 'utf8')) as Template).nodes) {
				const properties = nodeTypes.get(node.type)?.description.properties ?? [];
				for (const [name, value] of Object.entries(node.parameters)) {
					const filled = properties.filter((property) => property.name === name && applies(property, node.parameters, node.typeVersion));
					if (filled.length === 0) continue;
					const picker = filled.some((property) => property.type === 'resourceLocator');
					const picked = value !== null && typeof value === 'object' && '__rl' in value;
					if (picker !== picked) wrong.push(`${file} ${node.name} ${name}: ${picker ? 'a plain value for a picker' : 'a picker value for a plain field'}`);
				}
			}
		}
		expect(wrong).toEqual([]);
	});

	it('never share a webhookId between templates', () => {
		const ids = files.flatMap((file) =>
			(JSON.parse(readFileSync(join(templatesDir, file), 'utf8')) as Template).nodes
				.map((node) => node.webhookId)
				.filter(Boolean),
		);
		expect(new Set(ids).size).toBe(ids.length);
	});
});
