/**
 * An in-memory stand-in for the database behind n8n's deduplication helpers
 * (`checkProcessedAndRecord`, `removeProcessed`, `checkProcessedItemsAndRecord`, ...).
 *
 * n8n-core's DataDeduplicationService delegates to a provider that only n8n's CLI implements
 * (its DeduplicationHelper over the `processed_data` table). This provider keeps the same rules:
 * one row per workflow and scope (`n:<node id>` for 'node', '' for 'workflow'); 'entries' mode
 * stores md5 hashes of the values and trims to `maxEntries`; 'latestIncrementalKey' and
 * 'latestDate' keep only the largest value; a row saved in another mode is an error. Like the
 * real one it reads, awaits, then writes without a lock, so two runs at the same moment can both
 * see a key as new, and two first-ever inserts collide on the table's unique key.
 */
import { createHash } from 'node:crypto';
import type {
	DeduplicationItemTypes,
	DeduplicationMode,
	DeduplicationScope,
	ICheckProcessedContextData,
	ICheckProcessedOptions,
	IDataDeduplicator,
	IDeduplicationOutput,
	Workflow,
} from 'n8n-workflow';
import { DataDeduplicationService } from 'n8n-core';

interface ProcessedDataRow {
	mode: DeduplicationMode;
	/** Hashes in 'entries' mode, the largest value seen in the 'latest…' modes. */
	data: string[] | DeduplicationItemTypes;
}

/** What n8n keeps in its `processed_data` table, for one test's worth of workflow runs. */
export interface DedupStore {
	/** Keyed `<workflow id>|<context>`; read it to assert on what was recorded. */
	readonly rows: Map<string, ProcessedDataRow>;
}

export function createDedupStore(): DedupStore {
	return { rows: new Map() };
}

/** The store each run's Workflow instance writes to (runs may overlap, each has its own). */
const storesByWorkflow = new WeakMap<Workflow, DedupStore>();

export function bindDedupStore(workflow: Workflow, store: DedupStore): void {
	storesByWorkflow.set(workflow, store);
}

let initialised: Promise<void> | undefined;

/** DataDeduplicationService is a process-wide singleton in n8n-core: give it our provider once. */
export async function initDeduplication(): Promise<void> {
	initialised ??= DataDeduplicationService.init(inMemoryDeduplicator);
	await initialised;
}

class DeduplicationError extends Error {
	override name = 'DeduplicationError';
}

const MODE_MISMATCH =
	'Deduplication data was originally saved with an incompatible setting of the ‘Keep Items Where’ parameter. Try ’Clean Database’ operation to reset.';

function storeOf(contextData: ICheckProcessedContextData): DedupStore {
	const store = storesByWorkflow.get(contextData.workflow as Workflow);
	if (!store) throw new Error('harness: this workflow run has no deduplication store');
	return store;
}

function rowKey(scope: DeduplicationScope, contextData: ICheckProcessedContextData): string {
	if (scope === 'node' && !contextData.node) {
		throw new DeduplicationError("No node information has been provided and so cannot use scope 'node'");
	}
	// n8n keys node scope by node id, so renaming a node keeps its data.
	const context = scope === 'node' ? `n:${contextData.node!.id}` : '';
	return `${String(contextData.workflow.id)}|${context}`;
}

const hash = (value: DeduplicationItemTypes): string => createHash('md5').update(value.toString()).digest('base64');

function isGreater(mode: DeduplicationMode, a: DeduplicationItemTypes, b: DeduplicationItemTypes): boolean {
	if (mode === 'latestIncrementalKey') {
		const [x, y] = [Number(a), Number(b)];
		if (!isNaN(x) && !isNaN(y)) return x > y;
		throw new DeduplicationError('Invalid value. Only numbers are supported in mode "latestIncrementalKey"');
	}
	if (mode === 'latestDate') {
		const [x, y] = [new Date(a as string), new Date(b as string)];
		if (!isNaN(x.getTime()) && !isNaN(y.getTime())) return x > y;
		throw new DeduplicationError('Invalid value. Only valid dates are supported in mode "latestDate"');
	}
	throw new DeduplicationError("Invalid mode. Only 'latestIncrementalKey' and 'latestDate' are supported.");
}

const isLatestMode = (mode: DeduplicationMode) => mode === 'latestIncrementalKey' || mode === 'latestDate';

/** A database round trip: lets other runs interleave between a read and the write that follows. */
const roundTrip = () => new Promise<void>((resolve) => setImmediate(resolve));

async function read(store: DedupStore, key: string): Promise<ProcessedDataRow | undefined> {
	await roundTrip();
	const row = store.rows.get(key);
	return row && { mode: row.mode, data: Array.isArray(row.data) ? [...row.data] : row.data };
}

async function insert(store: DedupStore, key: string, row: ProcessedDataRow): Promise<void> {
	await roundTrip();
	if (store.rows.has(key)) {
		throw new Error('SQLITE_CONSTRAINT: UNIQUE constraint failed: processed_data.workflowId, processed_data.context');
	}
	store.rows.set(key, row);
}

async function update(store: DedupStore, key: string, row: ProcessedDataRow): Promise<void> {
	await roundTrip();
	store.rows.set(key, row);
}

const inMemoryDeduplicator: IDataDeduplicator = {
	async checkProcessedAndRecord(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		contextData: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	): Promise<IDeduplicationOutput> {
		const store = storeOf(contextData);
		const key = rowKey(scope, contextData);
		const row = await read(store, key);
		if (row && row.mode !== options.mode) throw new DeduplicationError(MODE_MISMATCH);

		if (isLatestMode(options.mode)) {
			const sorted = items.slice().sort((a, b) => (isGreater(options.mode, a, b) ? 1 : -1));
			if (!row) {
				await insert(store, key, { mode: options.mode, data: sorted.pop() as DeduplicationItemTypes });
				return { new: items, processed: [] };
			}
			const output: IDeduplicationOutput = { new: [], processed: [] };
			const stored = row.data as DeduplicationItemTypes;
			let largest = stored;
			for (const item of sorted) {
				if (isGreater(options.mode, item, stored)) {
					output.new.push(item);
					if (isGreater(options.mode, item, largest)) largest = item;
				} else output.processed.push(item);
			}
			await update(store, key, { mode: options.mode, data: largest });
			return output;
		}

		const hashes = items.map(hash);
		if (!row) {
			if (options.maxEntries) hashes.splice(0, hashes.length - options.maxEntries);
			await insert(store, key, { mode: options.mode, data: hashes });
			return { new: items, processed: [] };
		}
		const output: IDeduplicationOutput = { new: [], processed: [] };
		const data = row.data as string[];
		hashes.forEach((itemHash, index) => {
			if (data.includes(itemHash)) output.processed.push(items[index]);
			else {
				output.new.push(items[index]);
				data.push(itemHash);
			}
		});
		if (options.maxEntries) data.splice(0, data.length - options.maxEntries);
		await update(store, key, { mode: options.mode, data });
		return output;
	},

	async removeProcessed(items, scope, contextData, options) {
		if (isLatestMode(options.mode)) {
			throw new DeduplicationError('Removing processed data is not possible in mode "latest"');
		}
		const store = storeOf(contextData);
		const key = rowKey(scope, contextData);
		const row = await read(store, key);
		if (!row) return;
		const data = row.data as string[];
		for (const itemHash of items.map(hash)) {
			const index = data.indexOf(itemHash);
			if (index !== -1) data.splice(index, 1);
		}
		await update(store, key, { mode: row.mode, data });
	},

	async clearAllProcessedItems(scope, contextData) {
		const store = storeOf(contextData);
		await roundTrip();
		store.rows.delete(rowKey(scope, contextData));
	},

	async getProcessedDataCount(scope, contextData, options) {
		const row = await read(storeOf(contextData), rowKey(scope, contextData));
		return options.mode === 'entries' && Array.isArray(row?.data) ? row.data.length : 0;
	},
};
