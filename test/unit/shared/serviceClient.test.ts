import { configuredBaseUrl } from '../../../nodes/shared/serviceClient';

describe('configuredBaseUrl', () => {
	const PRODUCTION = 'https://api.example.com/v1';
	const ENVIRONMENTS = { sandbox: 'https://sandbox.example.com/v1' };

	it('takes the Base URL of a credential without an environment choice, trailing slashes off', () => {
		expect(configuredBaseUrl({ baseUrl: ' https://proxy.test/api// ' }, PRODUCTION)).toBe('https://proxy.test/api');
	});

	it('falls back to production when the Base URL is empty', () => {
		expect(configuredBaseUrl({ baseUrl: '' }, PRODUCTION)).toBe(PRODUCTION);
		expect(configuredBaseUrl({}, PRODUCTION)).toBe(PRODUCTION);
	});

	it('with environments, uses the chosen one and ignores a Base URL left from "custom"', () => {
		expect(configuredBaseUrl({ environment: 'sandbox', baseUrl: 'https://old.test' }, PRODUCTION, ENVIRONMENTS)).toBe(ENVIRONMENTS.sandbox);
		expect(configuredBaseUrl({ environment: 'production', baseUrl: 'https://old.test' }, PRODUCTION, ENVIRONMENTS)).toBe(PRODUCTION);
		expect(configuredBaseUrl({ baseUrl: 'https://old.test' }, PRODUCTION, ENVIRONMENTS)).toBe(PRODUCTION);
	});

	it('with environments, "custom" takes the Base URL', () => {
		expect(configuredBaseUrl({ environment: 'custom', baseUrl: 'https://custom.test/v1/' }, PRODUCTION, ENVIRONMENTS)).toBe('https://custom.test/v1');
	});
});
