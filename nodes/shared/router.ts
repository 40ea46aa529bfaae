import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** One operation of an action node: its parameters and what it does for one input item. */
export interface Operation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
}

export type OperationMap = Record<string, Record<string, Operation>>;

/** Shows an operation's parameters only for its resource and operation. */
export function forOperation(
	resource: string,
	operation: string,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, resource: [resource], operation: [operation] },
		},
	}));
}

/** Every operation's parameters, in resource and operation order, for a node's description. */
export function operationProperties(operations: OperationMap): INodeProperties[] {
	return Object.values(operations).flatMap((byOperation) =>
		Object.values(byOperation).flatMap((operation) => operation.description),
	);
}

/** Keeps an n8n error as it is (its class and item index), wraps anything else. */
export function asNodeError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

/**
 * The execute() of every action node: dispatch on resource and operation, run it for each
 * item, pair each output with its input, and honour "Continue On Fail".
 */
export async function runOperations(
	this: IExecuteFunctions,
	operations: OperationMap,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operationName = this.getNodeParameter('operation', itemIndex) as string;
			const operation = operations[resource]?.[operationName];
			if (!operation) {
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${operationName}" is not known for resource "${resource}"`,
					{ itemIndex },
				);
			}
			const result = await operation.execute.call(this, itemIndex);
			for (const json of Array.isArray(result) ? result : [result]) {
				output.push({ json, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			const nodeError = asNodeError(this, error, itemIndex);
			if (!this.continueOnFail()) throw nodeError;
			// The error on the item is what sends it out of the error output under "Continue (using
			// error output)"; n8n then reduces the JSON to the message, so only then is it attached and
			// the regular output keeps the description (the expected form).
			const toErrorOutput = this.getNode().onError === 'continueErrorOutput';
			output.push({
				json: { error: nodeError.message, description: nodeError.description ?? null },
				...(toErrorOutput ? { error: nodeError } : {}),
				pairedItem: { item: itemIndex },
			});
		}
	}
	return [output];
}

export interface OperationChoice {
	name: string;
	value: string;
	description: string;
	action: string;
}

export interface ResourceChoice {
	name: string;
	value: string;
	operations: OperationChoice[];
}

/** The Resource selector and one Operation selector per resource, from one table. */
export function resourceAndOperationProperties(
	resources: ResourceChoice[],
	defaultResource: string,
): INodeProperties[] {
	const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
	return [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [...resources].sort(byName).map(({ name, value }) => ({ name, value })),
			default: defaultResource,
		},
		...resources.map((resource): INodeProperties => {
			const firstOperation = resource.operations[0].value;
			return {
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: [resource.value] } },
				options: [...resource.operations].sort(byName),
				default: firstOperation,
			};
		}),
	];
}
