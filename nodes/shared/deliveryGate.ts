import type {
	IDataObject,
	IExecuteFunctions,
	IGetNodeParameterOptions,
	INodeExecutionData,
	IPollFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { forget, recordNew } from './dedup';
import { isWithinTolerance, jsonObjectBody, rejectDelivery, sha256Hex, unexpectedEnvelope } from './webhook';

/**
 * Remembers delivery nonces for as long as their timestamps stay acceptable, so a captured
 * delivery cannot be replayed inside the tolerance window. Kept in the node's static data
 * (persisted by n8n with the workflow, shared by every worker that loads it).
 */
export function isReplay(
	staticData: IDataObject,
	nonce: string,
	nowMs: number,
	toleranceMs: number,
	maxEntries = 5000,
): boolean {
	const seen = (staticData.seenDeliveries ??= {}) as Record<string, number>;
	for (const [key, expiresAt] of Object.entries(seen)) {
		if (expiresAt < nowMs) delete seen[key];
	}
	if (seen[nonce] !== undefined) return true;
	const keys = Object.keys(seen);
	if (keys.length >= maxEntries) delete seen[keys[0]];
	seen[nonce] = nowMs + 2 * toleranceMs;
	return false;
}

/** What a trigger's authentication found: the key of the delivery and when it was sent. */
export interface AuthenticDelivery {
	/**
	 * What makes this delivery this one and no other, taken from what the sender signs (a signed
	 * token and time; a signed body: its signature) or, for senders that sign nothing, from
	 * what they send. A repeat of it is refused; two deliveries with the same key are one.
	 */
	repeatKey: string;
	/** When the sender says it sent it (epoch ms), or undefined when it does not say. */
	sentAt?: number;
}

export interface DeliveryGate {
	/** Content types besides JSON that the sender uses (gzip). */
	otherContentTypes?: readonly string[];
	/** The body as a JSON object; default: n8n's parsed body, else the raw body parsed. */
	read?: (context: IWebhookFunctions) => IDataObject | string | Promise<IDataObject | string>;
	/** Checks who sent it: the delivery's key, or why it is refused (answered 401). */
	authenticate: (context: IWebhookFunctions, body: IDataObject) => AuthenticDelivery | string | Promise<AuthenticDelivery | string>;
	/** How far from now sentAt may be; a delivery without sentAt is refused. Omit where the sender sends no time. */
	maxAgeMs?: number;
	/** How long a key is remembered, where there is no maxAgeMs (default: ten minutes). */
	repeatWindowMs?: number;
	/**
	 * Whether a repeat is refused here (401). Off for a sender that repeats itself on purpose: its repeats start an execution that stops at the trigger (see repeatsWithin).
	 */
	refuseRepeats?: boolean;
	/** Answers a refused delivery in the sender's own error shape; default { message }. */
	refuse?: (context: IWebhookFunctions, status: 400 | 401, reason: string) => IWebhookResponseData;
}

/** A delivery through the gate: its body, its id for the output, and a way to forget it. */
export interface OpenedDelivery {
	body: IDataObject;
	/** A short, stable id of the delivery (a hash of its key): every trigger outputs it as deliveryId. */
	deliveryId: string;
	/** Forgets the delivery, so the sender's next attempt is taken (after answering 503). */
	forget(): void;
}

const DEFAULT_REPEAT_WINDOW_MS = 10 * 60_000;

/**
 * The one gate every trigger's webhook() passes, in this order: content type and size (400), a
 * JSON object body (400), authenticity (401), age (401), repeat (401). A refused delivery starts
 * no execution. Repeats are remembered in the node's static data, which n8n saves only when no
 * execution starts (n8n 2.x): a delivery that started an execution is also recorded durably when
 * the execution runs (dropRepeatedDeliveries, keyed by the same deliveryId).
 */
export async function openGate(context: IWebhookFunctions, gate: DeliveryGate): Promise<OpenedDelivery | { refused: IWebhookResponseData }> {
	const refuse = (status: 400 | 401, reason: string) => ({
		refused: gate.refuse ? gate.refuse(context, status, reason) : rejectDelivery(context, status, reason),
	});
	const unexpected = unexpectedEnvelope(context, gate.otherContentTypes);
	if (unexpected) return refuse(400, unexpected);
	const body = gate.read ? await gate.read(context) : (jsonObjectBody(context) ?? 'Expected a JSON object body');
	if (typeof body === 'string') return refuse(400, body);
	const authentic = await gate.authenticate(context, body);
	if (typeof authentic === 'string') return refuse(401, authentic);
	const now = Date.now();
	if (gate.maxAgeMs !== undefined && !isWithinTolerance(authentic.sentAt ?? Number.NaN, now, gate.maxAgeMs)) {
		return refuse(401, 'The delivery time is missing or outside the accepted window');
	}
	const staticData = context.getWorkflowStaticData('node');
	const windowMs = gate.maxAgeMs ?? gate.repeatWindowMs ?? DEFAULT_REPEAT_WINDOW_MS;
	if (gate.refuseRepeats !== false && isReplay(staticData, authentic.repeatKey, now, windowMs)) {
		return refuse(401, 'This delivery was received before');
	}
	return {
		body,
		deliveryId: sha256Hex(authentic.repeatKey).slice(0, 32),
		forget: () => forgetDelivery(staticData, authentic.repeatKey),
	};
}

/** Forgets a remembered delivery key (see openGate). */
export function forgetDelivery(staticData: IDataObject, key: string): void {
	const seen = staticData.seenDeliveries as Record<string, number> | undefined;
	if (seen) delete seen[key];
}

// What each trigger's execution remembers: deliveries, for as many as a busy day brings.
const DELIVERY_STORE_ENTRIES = 10_000;

/** The durable record of a delivery: its deliveryId when it has one, else a hash of its content. */
export function deliveryKeys(item: INodeExecutionData): string[] {
	const id = item.json.deliveryId;
	if (typeof id === 'string' && id !== '') return [`delivery:${id}`];
	return [`delivery:${sha256Hex(JSON.stringify(item.json.raw ?? item.json))}`];
}

/**
 * Drops the items whose key was recorded before, recording the others; `keysOf` gives each item's
 * keys: an item is a repeat when any of them was recorded, and its first key is what is recorded.
 * Serialized per workflow in this process (recordNew), so simultaneous executions agree.
 */
export async function dropRecorded(
	context: IExecuteFunctions,
	keysOf: (item: INodeExecutionData) => string[] = deliveryKeys,
): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	// A retried execution (Executions → Retry) runs its deliveries again: the run it retries
	// recorded them, and may have died before it acted on them (a killed queue-mode worker). The
	// do-once claims after the trigger keep what that run did from being done twice.
	const retried = context.getMode() === 'retry';
	const fresh: INodeExecutionData[] = [];
	for (const [index, item] of items.entries()) {
		const [key, ...earlier] = keysOf(item);
		const recorded = await recordNew(context, [key, ...earlier], 'node', DELIVERY_STORE_ENTRIES);
		const repeat = recorded.length < earlier.length + 1;
		// The earlier keys are only looked at, and a repeat records nothing (so a window does not
		// slide): what this call added and should not keep is taken out again.
		const added = repeat ? recorded : earlier.filter((other) => recorded.includes(other));
		await forget(context, added, 'node', DELIVERY_STORE_ENTRIES);
		if (!repeat || retried) fresh.push({ ...item, pairedItem: { item: index } });
	}
	return [fresh];
}

/**
 * Forgets what dropRecorded recorded for these items, so a retry of an execution that failed
 * after it (a look-up that kept failing) runs them again instead of dropping them as repeats.
 */
export async function forgetRecorded(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	keysOf: (item: INodeExecutionData) => string[] = deliveryKeys,
): Promise<void> {
	const keys = items.map((item) => keysOf(item)[0]);
	await forget(context, keys, 'node', DELIVERY_STORE_ENTRIES);
}

/**
 * Resolves each delivery that passed the repeat check (a trigger's look-ups in its execution);
 * `resolveOne` gives undefined for a delivery that starts nothing. When a look-up keeps failing,
 * the items' records are forgotten before the error goes on, so a retry of the execution (or the
 * sender's own repeat) runs them. A manual test run recorded nothing and forgets nothing.
 */
export async function resolveOrForget(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	resolveOne: (item: INodeExecutionData) => Promise<INodeExecutionData | undefined>,
	keysOf: (item: INodeExecutionData) => string[] = deliveryKeys,
): Promise<INodeExecutionData[][]> {
	const output: INodeExecutionData[] = [];
	let resolved = false;
	try {
		for (const item of items) {
			const resolvedItem = await resolveOne(item);
			if (resolvedItem) output.push(resolvedItem);
		}
		resolved = true;
	} finally {
		if (!resolved && context.getMode() !== 'manual') await forgetRecorded(context, items, keysOf);
	}
	return [output];
}

/**
 * The execute() of every webhook trigger. n8n runs a trigger's execute() as the first step of
 * the execution its webhook() started; there, unlike in webhook(), n8n's deduplication store is
 * available, and it persists. n8n 2.x does not persist static data written by a webhook() call
 * that starts an execution, so this is what stops a repeated or replayed delivery that passed
 * the trigger's own checks from running the workflow twice. Keyed by the deliveryId the gate
 * gave it (what the sender signs); manual test runs are left alone.
 */
export async function dropRepeatedDeliveries(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	if (this.getMode() === 'manual') return [this.getInputData()];
	return await dropRecorded(this);
}

/**
 * The execute() of a trigger that can also poll. n8n runs execute() instead of poll() when a
 * user tests the trigger in the editor, so a manual run in polling mode polls here (through a
 * view of this context shaped as poll()'s); production polls pass through dropRepeatedDeliveries.
 */
export function deliveriesOrManualPoll(
	isPolling: (context: IExecuteFunctions) => boolean,
	poll: (this: IPollFunctions) => Promise<INodeExecutionData[][] | null>,
	keysOf: (item: INodeExecutionData) => string[] = deliveryKeys,
) {
	return async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		if (this.getMode() === 'manual' && isPolling(this)) {
			// poll() reads parameters as (name, fallback); an execute context takes (name, item, fallback).
			const asPoll = Object.create(this, {
				getNodeParameter: {
					value: (name: string, fallback?: unknown, options?: IGetNodeParameterOptions) =>
						this.getNodeParameter(name, 0, fallback, options),
				},
				getActivationMode: { value: () => 'manual' },
			}) as IPollFunctions;
			return (await poll.call(asPoll)) ?? [[]];
		}
		if (this.getMode() === 'manual') return [this.getInputData()];
		return await dropRecorded(this, keysOf);
	};
}

// A window is kept to a quarter of its length: the key is recorded per quarter, and the four
// quarters before are looked at.
const WINDOW_PARTS = 4;

/**
 * Keys for dropRecorded that make a repeat one only within `windowMs` of the first (to a quarter
 * of the window): the same key later than that runs again. For senders whose deliveries carry no
 * id or time of their own, where a repeat is the same thing said again.
 */
export function repeatsWithin(windowMs: number, keyOf: (item: INodeExecutionData) => string | undefined, nowMs: () => number = Date.now) {
	return (item: INodeExecutionData): string[] => {
		const key = keyOf(item);
		if (key === undefined) return deliveryKeys(item);
		const part = Math.max(1, Math.floor(windowMs / WINDOW_PARTS));
		const current = Math.floor(nowMs() / part);
		return Array.from({ length: WINDOW_PARTS + 1 }, (_, back) => `delivery:${key}@${current - back}`);
	};
}

