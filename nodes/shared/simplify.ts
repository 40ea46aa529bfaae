import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { Operation } from './router';

/**
 * Node versions: 1.1 turned Simplify on by default. A node saved at version 1 keeps the full
 * answer its workflow was built on (n8n does not save a parameter left at its default, so a new
 * default would otherwise change saved workflows); a node added now gets version 1.1.
 */
export const NODE_VERSIONS = [1, 1.1];
const SIMPLIFY_ON_BY_DEFAULT_FROM = 1.1;

const simplify: INodeProperties = {
	displayName: 'Simplify',
	name: 'simple',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

/** n8n's own "Simplify" switch, worded as its nodes word it: off by default at version 1, on from 1.1. */
export const simplifyFields: INodeProperties[] = [
	{ ...simplify, default: false, displayOptions: { show: { '@version': NODE_VERSIONS.filter((version) => version < SIMPLIFY_ON_BY_DEFAULT_FROM) } } },
	{ ...simplify, default: true, displayOptions: { show: { '@version': NODE_VERSIONS.filter((version) => version >= SIMPLIFY_ON_BY_DEFAULT_FROM) } } },
];

/** Output field → where it is in the full answer (dotted paths, the first one present wins). */
export type SimpleFields = Record<string, string[]>;

function at(record: IDataObject, path: string): unknown {
	let value: unknown = record;
	for (const key of path.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = Array.isArray(value) && /^\d+$/.test(key) ? value[Number(key)] : (value as IDataObject)[key];
	}
	return value;
}

/** The few fields a flow or an AI agent needs; a field the service did not send is null. */
export function simplified(record: IDataObject, fields: SimpleFields): IDataObject {
	const simple: IDataObject = {};
	for (const [name, paths] of Object.entries(fields)) {
		const found = paths.map((path) => at(record, path)).find((value) => value !== undefined && value !== null);
		simple[name] = (found ?? null) as IDataObject[string];
	}
	return simple;
}

/** A get or get-many operation with the Simplify switch: the few fields, or the full answer. */
export function withSimplify(operation: Operation, fields: SimpleFields): Operation {
	return {
		...operation,
		description: [...operation.description, ...simplifyFields],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const result = await operation.execute.call(this, itemIndex);
			const onByDefault = this.getNode().typeVersion >= SIMPLIFY_ON_BY_DEFAULT_FROM;
			if (this.getNodeParameter('simple', itemIndex, onByDefault) !== true) return result;
			return Array.isArray(result) ? result.map((record) => simplified(record, fields)) : simplified(result, fields);
		},
	};
}
