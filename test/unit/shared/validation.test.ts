import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { IdFormat } from '../../../nodes/shared/validation';
import { checkedId, idParameter, isHttpUrl } from '../../../nodes/shared/validation';

const SHORT_ID: IdFormat = {
	noun: 'a Sample ID',
	pattern: /^[a-z0-9]{1,8}$/,
	maxLength: 8,
	expected: 'Expected up to 8 lowercase letters or digits.',
};

function contextWith(parameters: Record<string, unknown>): IExecuteFunctions {
	return {
		getNode: () => ({ name: 'Sample', type: 'sample', typeVersion: 1, parameters: {} }),
		getNodeParameter: (name: string, _itemIndex: number, fallback: unknown) => parameters[name] ?? fallback,
	} as unknown as IExecuteFunctions;
}

function errorOf(run: () => unknown): NodeOperationError {
	try {
		run();
	} catch (error) {
		return error as NodeOperationError;
	}
	throw new Error('expected a refusal');
}

describe('idParameter (one reader of id parameters, each service giving its form as data)', () => {
	const sampleId = idParameter(SHORT_ID);

	it('returns the id, trimmed', () => {
		expect(sampleId(contextWith({ sampleId: ' ab12 ' }), 0, 'sampleId', 'Sample')).toBe('ab12');
	});

	it.each([
		['an id with path characters', '../x', 'The field "Sample" is not a Sample ID', 'Expected up to 8 lowercase letters or digits.'],
		['an empty id', '', 'The field "Sample" is required', 'Expected a non-empty value; it is empty.'],
		['an id over the length', 'abcdefghi', 'The field "Sample" is too long', 'Expected at most 8 characters; got 9.'],
	])('refuses %s, naming the field and the form', (_name, value, message, description) => {
		const error = errorOf(() => sampleId(contextWith({ sampleId: value }), 3, 'sampleId', 'Sample'));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(message);
		expect(error.description).toBe(description);
		expect((error.context as { itemIndex?: number }).itemIndex).toBe(3);
	});

	it('quotes the id when the form asks for it', () => {
		const quoting: IdFormat = { ...SHORT_ID, expected: (id) => `Expected a short id; got "${id}".` };
		const error = errorOf(() => checkedId(contextWith({}), 0, 'A-1', 'Sample', quoting));
		expect(error.message).toBe('The field "Sample" is not a Sample ID');
		expect(error.description).toBe('Expected a short id; got "A-1".');
	});
});

describe('isHttpUrl', () => {
	it.each(['https://example.com/report/1', 'http://localhost:5678/webhook/x'])('takes %s', (url) => {
		expect(isHttpUrl(url)).toBe(true);
	});

	it.each(['', 'example.com/report', 'ftp://example.com/x', 'javascript:alert(1)', 'https//example.com'])('refuses "%s"', (url) => {
		expect(isHttpUrl(url)).toBe(false);
	});
});
