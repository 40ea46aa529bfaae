/**
 * Every id a user picks is a picker (a resource locator), in every node the package registers:
 * the parameters are listed from the node descriptions (nested ones too), so a new plain id
 * field fails here. Each picker offers By ID with the id's form, a From List backed by a search
 * method the node has, and a By URL whose pattern yields the id.
 */
import * as path from 'path';
import type { INodeProperties, INodePropertyCollection, INodePropertyMode, INodeType } from 'n8n-workflow';

const ROOT = path.resolve(__dirname, '../../..');
const registered = (require(path.join(ROOT, 'package.json')) as { n8n: { nodes: string[] } }).n8n.nodes;

/** Plain fields whose names end in Id/Ids/Key but that are no single id of a thing a user picks. */
const NOT_PICKED: Record<string, string> = {
	// The ATS's own ids come from a trigger's output by expression and are only stored as metadata.
	atsCandidateId: 'an ATS id from the trigger output',
	atsApplicationId: 'an ATS id from the trigger output',
	atsJobId: 'an ATS id from the trigger output',
	// A text the user makes up so a write happens once; it names no record.
	'options.onceKey': 'a deduplication key',
	// The assessment of whichever vendor node follows the trigger: no one service lists them.
	'assessmentsByPosting.rows.assessmentId': 'an id of the vendor the workflow sends to',
	defaultAssessmentId: 'an id of the vendor the workflow sends to',
	// Several ids, separated by commas: a resource locator holds one.
	'filters.statusIds': 'several iCIMS list ids',
	statusIds: 'several iCIMS list ids',
	jobIds: 'several iCIMS job ids',
	'wepow.invitation.resend.applicationId': 'several Wepow application ids',
};

interface Found {
	node: INodeType;
	path: string;
	property: INodeProperties;
}

function nodes(): INodeType[] {
	return registered.map((built) => {
		const file = built.replace(/^dist\//, '').replace(/\.js$/, '.ts');
		const className = path.basename(file, '.node.ts');
		const NodeClass = (require(path.join(ROOT, file)) as Record<string, new () => INodeType>)[className];
		return new NodeClass();
	});
}

/** Every parameter of a node, nested ones (collections, fixed collections) under their path. */
function parameters(node: INodeType): Found[] {
	const found: Found[] = [];
	const walk = (properties: INodeProperties[], prefix: string) => {
		for (const property of properties) {
			const where = `${prefix}${property.name}`;
			found.push({ node, path: where, property });
			if (property.type === 'collection') walk((property.options ?? []) as INodeProperties[], `${where}.`);
			if (property.type === 'fixedCollection') {
				for (const group of (property.options ?? []) as INodePropertyCollection[]) walk(group.values, `${where}.${group.name}.`);
			}
		}
	};
	walk(node.description.properties, '');
	return found;
}

/** Which operation shows a parameter, as "node.resource.operation.name". */
function qualified({ node, path: where, property }: Found): string {
	const show = property.displayOptions?.show ?? {};
	return `${node.description.name}.${String(show.resource?.[0])}.${String(show.operation?.[0])}.${where}`;
}

const all = nodes().flatMap(parameters);

describe('pickers', () => {
	it('finds the parameters of all twelve nodes', () => {
		expect(registered).toHaveLength(12);
		expect(all.filter(({ property }) => property.type === 'resourceLocator').length).toBeGreaterThan(30);
	});

	it('has no plain string or options field for an id a user picks', () => {
		const plain = all
			.filter(({ property }) => /(Id|Ids|Key)$/.test(property.name) && ['string', 'options'].includes(property.type))
			.filter((found) => NOT_PICKED[found.path] === undefined && NOT_PICKED[found.property.name] === undefined && NOT_PICKED[qualified(found).replace(/\.undefined/g, '')] === undefined)
			.map((found) => `${qualified(found)} (${found.property.type})`);
		expect(plain).toEqual([]);
	});

	it('lists only fields that exist in the allow-list', () => {
		const names = new Set(all.flatMap((found) => [found.path, found.property.name, qualified(found)]));
		expect(Object.keys(NOT_PICKED).filter((name) => !names.has(name))).toEqual([]);
	});

	describe.each(all.filter(({ property }) => property.type === 'resourceLocator').map((found) => [qualified(found), found] as const))('%s', (_name, { node, property }) => {
		const modes = (property.modes ?? []) as INodePropertyMode[];
		const mode = (name: string) => modes.find((entry) => entry.name === name);

		it('offers By ID with the form of the id', () => {
			const byId = mode('id');
			const validation = byId?.validation?.[0] as { type: string; properties: { regex: string } } | undefined;
			expect(validation?.type).toBe('regex');
			const pattern = new RegExp(validation!.properties.regex);
			expect(pattern.test('../../users')).toBe(false);
			// An optional picker may stay empty; a required one may not.
			expect(pattern.test('')).toBe(property.required !== true);
		});

		it('searches with a method the node has, when it offers a list', () => {
			const list = mode('list');
			if (!list) return expect(modes.map((entry) => entry.name)).not.toContain('list');
			expect(list.typeOptions?.searchable).toBe(true);
			const method = list.typeOptions?.searchListMethod ?? '';
			expect(typeof node.methods?.listSearch?.[method]).toBe('function');
			expect((property.default as { mode: string }).mode).toBe('list');
		});

		it('reads the id out of a URL, when it offers one', () => {
			const byUrl = mode('url');
			if (!byUrl) return expect(modes.map((entry) => entry.name)).not.toContain('url');
			const regex = (byUrl.extractValue as { regex: string }).regex;
			const example = String(byUrl.placeholder).replace(/^e\.g\. /, '');
			const match = new RegExp(regex).exec(example);
			expect(match?.[1]).toBeTruthy();
			expect(example.endsWith(match![1])).toBe(true);
		});
	});
});
