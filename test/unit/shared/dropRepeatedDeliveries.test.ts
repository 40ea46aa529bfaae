import { LeverApi } from '../../../credentials/LeverApi.credentials';
import { LeverTrigger } from '../../../nodes/Lever/LeverTrigger.node';
import { dropRepeatedDeliveries } from '../../../nodes/shared/deliveryGate';
import { WiseWayTrigger } from '../../../nodes/WiseWay/WiseWayTrigger.node';
import { createDedupStore, runNode } from '../../helpers/harness';

const delivery = (token: string) => ({ json: { ats: 'lever', applicationId: 'opp-1', raw: { event: 'candidateStageChange', token } } });

describe("a trigger's first step in the execution", () => {
	const options = {
		parameters: { events: ['candidateStageChange'] },
		credentials: { leverApi: { apiKey: 'k' } },
		credentialTypes: [new LeverApi()],
		mode: 'webhook' as 'webhook' | 'retry' | 'manual',
	};

	it('passes a delivery on once and drops the same delivery after that, across executions', async () => {
		const dedupStore = createDedupStore();
		const first = await runNode(new LeverTrigger(), { ...options, dedupStore, input: [delivery('t1')] });
		expect(first.error).toBeUndefined();
		expect(first.items[0]).toHaveLength(1);
		const repeat = await runNode(new LeverTrigger(), { ...options, dedupStore, input: [delivery('t1')] });
		expect(repeat.items[0] ?? []).toHaveLength(0);
		const other = await runNode(new LeverTrigger(), { ...options, dedupStore, input: [delivery('t2')] });
		expect(other.items[0]).toHaveLength(1);
	});

	it('runs a delivery again in a retried execution (the run it retries may have died after recording it)', async () => {
		const dedupStore = createDedupStore();
		await runNode(new LeverTrigger(), { ...options, dedupStore, input: [delivery('t1')] });
		const retried = await runNode(new LeverTrigger(), { ...options, mode: 'retry', dedupStore, input: [delivery('t1')] });
		expect(retried.error).toBeUndefined();
		expect(retried.items[0]).toHaveLength(1);
		// Still recorded: a later webhook copy of it is a repeat.
		const repeat = await runNode(new LeverTrigger(), { ...options, dedupStore, input: [delivery('t1')] });
		expect(repeat.items[0] ?? []).toHaveLength(0);
	});

	it('leaves manual test runs alone', async () => {
		const dedupStore = createDedupStore();
		await runNode(new LeverTrigger(), { ...options, mode: 'manual', dedupStore, input: [delivery('t1')] });
		const again = await runNode(new LeverTrigger(), { ...options, mode: 'manual', dedupStore, input: [delivery('t1')] });
		expect(again.items[0]).toHaveLength(1);
	});

	it('is the same step on every trigger but Lever, whose execution also looks the delivery up in Lever', () => {
		expect(new WiseWayTrigger().execute).toBe(dropRepeatedDeliveries);
		expect(new LeverTrigger().execute).not.toBe(dropRepeatedDeliveries);
	});
});
