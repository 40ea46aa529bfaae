/** Unit tests (jest + nock, no network) and end-to-end tests (a real n8n against the simulator). */
const base = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	// nock's interceptor lives on globals jest would otherwise soft-delete between files.
	testEnvironmentOptions: { globalsCleanup: 'off' },
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	// The n8n install cache and the built package hold package.json files of their own.
	modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.cache/', '<rootDir>/.n8n-dev/'],
	watchPathIgnorePatterns: ['<rootDir>/.cache/'],
};

module.exports = {
	projects: [
		{ ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
		{ ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
	],
};
