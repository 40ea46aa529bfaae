/**
 * Every action node the package ships: each operation its selector offers has an implementation,
 * every implementation is offered, and each operation's parameters show only for it. The nodes
 * are found from package.json, so a new node is covered when it is registered.
 */
import * as path from 'path';
import type { IExecuteFunctions, INodeProperties, INodeType } from 'n8n-workflow';
import type { OperationMap } from '../../../nodes/shared/router';

const ROOT = path.resolve(__dirname, '../../..');
const registered = (require(path.join(ROOT, 'package.json')) as { n8n: { nodes: string[] } }).n8n.nodes;

interface ActionNode {
	file: string;
	node: INodeType;
	operations: OperationMap;
}

/** The source of each registered action node (dist/nodes/X/X.node.js → nodes/X/X.node.ts) and its actions' map. */
function actionNodes(): ActionNode[] {
	return registered
		.filter((built) => !built.endsWith('Trigger.node.js'))
		.map((built) => {
			const file = built.replace(/^dist\//, '').replace(/\.js$/, '.ts');
			const className = path.basename(file, '.node.ts');
			const NodeClass = (require(path.join(ROOT, file)) as Record<string, new () => INodeType>)[className];
			const node = new NodeClass();
			const actions = require(path.join(ROOT, path.dirname(file), 'actions')) as Record<string, unknown>;
			const operations = actions[`${node.description.name}Operations`] as OperationMap;
			return { file, node, operations };
		});
}

function selectorPairs(properties: INodeProperties[]): string[] {
	const resources = properties.find((property) => property.name === 'resource')?.options as Array<{ value: string }>;
	return resources.flatMap(({ value: resource }) => {
		const selector = properties.find(
			(property) => property.name === 'operation' && property.displayOptions?.show?.resource?.[0] === resource,
		);
		return ((selector?.options ?? []) as Array<{ value: string }>).map(({ value }) => `${resource}.${value}`);
	});
}

function implementedPairs(operations: OperationMap): string[] {
	return Object.entries(operations).flatMap(([resource, byOperation]) =>
		Object.keys(byOperation).map((operation) => `${resource}.${operation}`),
	);
}

/** A context that answers only resource and operation: anything else the operation reaches for throws. */
function dispatchContext(node: INodeType, resource: string, operation: string): IExecuteFunctions {
	const known: Record<string, unknown> = {
		getInputData: () => [{ json: {} }],
		getNode: () => ({ name: node.description.displayName, type: node.description.name, typeVersion: 1, parameters: {} }),
		continueOnFail: () => false,
		getNodeParameter: (name: string) => {
			if (name === 'resource') return resource;
			if (name === 'operation') return operation;
			throw new Error('reached the operation');
		},
	};
	return new Proxy(known, {
		get(target, property) {
			if (typeof property === 'symbol' || property in target) return target[property as string];
			throw new Error('reached the operation');
		},
	}) as unknown as IExecuteFunctions;
}

const NODES = actionNodes();

describe('every action node offers exactly the operations it implements', () => {
	it('covers each registered action node', () => {
		expect(NODES.map(({ node }) => node.description.name).sort()).toEqual(['icims', 'lever', 'wecp', 'wepow', 'willo', 'wiseWay']);
	});

	describe.each(NODES.map((entry) => [entry.file, entry] as const))('%s', (_file, { node, operations }) => {
		const properties = node.description.properties;
		const offered = selectorPairs(properties);

		it('has an implementation for every operation in its selector, and offers every implementation', () => {
			expect(offered.length).toBeGreaterThan(0);
			expect([...offered].sort()).toEqual(implementedPairs(operations).sort());
		});

		it('has an Operation selector for every resource, with a default it offers', () => {
			const resources = (properties.find((property) => property.name === 'resource')?.options ?? []) as Array<{ value: string }>;
			for (const { value } of resources) {
				const selector = properties.find((property) => property.name === 'operation' && property.displayOptions?.show?.resource?.[0] === value);
				expect(offered).toContain(`${value}.${selector?.default}`);
			}
		});

		it('shows every parameter for one operation it offers', () => {
			for (const property of properties.filter((entry) => entry.name !== 'resource' && entry.name !== 'operation')) {
				const show = property.displayOptions?.show;
				expect(show?.resource).toHaveLength(1);
				expect(show?.operation).toHaveLength(1);
				expect(offered).toContain(`${show?.resource?.[0]}.${show?.operation?.[0]}`);
			}
		});

		it.each(offered.map((pair) => pair.split('.') as [string, string]))(
			'dispatches %s / %s to its implementation',
			async (resource, operation) => {
				const run = node.execute!.call(dispatchContext(node, resource, operation));
				await expect(run).rejects.toThrow('reached the operation');
			},
		);

		it('refuses an operation it does not offer, naming it', async () => {
			const run = node.execute!.call(dispatchContext(node, 'nothing', 'none'));
			await expect(run).rejects.toThrow('The operation "none" is not known for resource "nothing"');
		});
	});
});
