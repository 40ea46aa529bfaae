import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { Operation } from './router';

/** n8n's own "Simplify" switch, worded as its nodes word it. */
export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simple',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

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

/** A get or get-many operation with the Simplify switch (on unless turned off): the few fields, or the full answer. */
export function withSimplify(operation: Operation, fields: SimpleFields): Operation {
	return {
		...operation,
		description: [...operation.description, simplifyField],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const result = await operation.execute.call(this, itemIndex);
			if (this.getNodeParameter('simple', itemIndex, true) === false) return result;
			return Array.isArray(result) ? result.map((record) => simplified(record, fields)) : simplified(result, fields);
		},
	};
}
