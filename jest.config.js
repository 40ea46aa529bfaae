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
		// Some unit files drive the simulator over loopback: a busy 2-core machine needs more than jest's 5 s.
		// Speed is measured by `npm run bench`, never by a unit test's timeout.
		{ ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'], testTimeout: 30_000 },
		{ ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
	],
};
