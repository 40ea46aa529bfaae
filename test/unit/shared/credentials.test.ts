import type { RequestContext } from '../../../nodes/shared/http';
import { credentialsOf } from '../../../nodes/shared/credentials';

function contextReading(...answers: Array<Record<string, string> | Error>) {
	const getCredentials = jest.fn(async () => {
		const answer = answers.length > 1 ? answers.shift()! : answers[0];
		if (answer instanceof Error) throw answer;
		return answer;
	});
	return { context: { getCredentials } as unknown as RequestContext, getCredentials };
}

describe('credentialsOf', () => {
	it('reads a credential from n8n once per context and type', async () => {
		const { context, getCredentials } = contextReading({ apiKey: 'key-1' });
		expect(await credentialsOf(context, 'leverApi')).toEqual({ apiKey: 'key-1' });
		expect(await credentialsOf(context, 'leverApi')).toEqual({ apiKey: 'key-1' });
		await credentialsOf(context, 'wecpApi');
		expect(getCredentials.mock.calls).toEqual([['leverApi'], ['wecpApi']]);
	});

	it('reads again in another context, so an edited credential is seen by the next call', async () => {
		const first = contextReading({ apiKey: 'old' });
		const second = contextReading({ apiKey: 'new' });
		expect(await credentialsOf(first.context, 'leverApi')).toEqual({ apiKey: 'old' });
		expect(await credentialsOf(second.context, 'leverApi')).toEqual({ apiKey: 'new' });
	});

	it('does not keep a failed read', async () => {
		const { context, getCredentials } = contextReading(new Error('database busy'), { apiKey: 'key-1' });
		await expect(credentialsOf(context, 'leverApi')).rejects.toThrow('database busy');
		expect(await credentialsOf(context, 'leverApi')).toEqual({ apiKey: 'key-1' });
		expect(getCredentials).toHaveBeenCalledTimes(2);
	});
});
