/**
 * Two projects, one run: `npm test` runs both, `npx jest test/<area>` picks files from either.
 * - unit: fast suites (mocked n8n context, private MariaDB, loopback fakes).
 * - e2e: suites that start a real n8n 2.41 (test/support/n8n). Starting n8n takes 10–60 s on two busy
 *   cores, so their tests get longer timeouts; each suite starts and stops its own instance.
 */
const shared = {
	testEnvironment: 'node',
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
	},
};

module.exports = {
	maxWorkers: 2,
	// Jest takes the test timeout from here only; the e2e project raises it in its setup file.
	testTimeout: 30_000,
	projects: [
		{
			...shared,
			displayName: 'unit',
			roots: ['<rootDir>/test'],
			testMatch: ['**/*.test.ts'],
			testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
		},
		{
			...shared,
			displayName: 'e2e',
			roots: ['<rootDir>/test/e2e'],
			testMatch: ['**/*.test.ts'],
			setupFilesAfterEnv: ['<rootDir>/test/support/n8n/jest-timeouts.ts'],
			slowTestThreshold: 120,
		},
	],
};
