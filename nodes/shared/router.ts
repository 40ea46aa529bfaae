import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** An operation's entry in its resource's Operation selector. */
export interface OperationChoice {
	name: string;
	value: string;
	description: string;
	action: string;
}

/**
 * One operation of an action node: its selector entry, its parameters (shown by the node only
 * for its resource and operation) and what it does for one input item.
 */
export interface Operation {
	selector: OperationChoice;
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
}

/**
 * One resource of an action node and its operations. Their order is the order of the parameters
 * in the node; the first operation is the selector's default unless `defaultOperation` names
 * another (saved workflows omit defaults, so a default never changes once shipped).
 */
export interface Resource {
	name: string;
	value: string;
	operations: Operation[];
	defaultOperation?: string;
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

/** resource → operation → implementation, for runOperations. */
export function operationMap(resources: Resource[]): OperationMap {
	return Object.fromEntries(
		resources.map((resource) => [
			resource.value,
			Object.fromEntries(resource.operations.map((operation) => [operation.selector.value, operation])),
		]),
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

/**
 * A node's Resource selector (the first resource is its default), one Operation selector per
 * resource, then every operation's parameters: all from one table.
 */
export function resourceProperties(resources: Resource[]): INodeProperties[] {
	const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
	const defaultResource = resources[0].value;
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
			const choices = resource.operations.map((operation) => operation.selector);
			const defaultOperation = resource.defaultOperation ?? choices[0].value;
			return {
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: [resource.value] } },
				options: [...choices].sort(byName),
				default: defaultOperation,
			};
		}),
		...resources.flatMap((resource) =>
			resource.operations.flatMap((operation) => forOperation(resource.value, operation.selector.value, operation.description)),
		),
	];
}
