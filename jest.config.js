/**
 * Two projects, one run: `npm test` runs both, `npx jest test/<area>` picks files from either.
 * - unit: fast suites (mocked n8n context, private MariaDB, loopback fakes).
 * - e2e: suites that start a real n8n 2.41 (test/support/n8n). Starting n8n takes 10–60 s on two busy
 *   cores, so their tests get longer timeouts; each suite starts and stops its own instance.
 * - oldest-n8n: the smoke suite, on the oldest n8n package.json's engines.n8n allows (README, "Supported n8n versions").
 */
/**
 * A workflow suite (`test/e2e/workflows/*.suite.ts`) runs on its own only when named on the command line
 * (`npm test -- test/e2e/workflows/enrichment.suite.ts`); otherwise the two workflows*.test.ts files run them all
 * on one environment per topology.
 */
const suiteNamed = process.argv.some((arg) => /\.suite(\.ts)?$/.test(arg));

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
			testMatch: suiteNamed ? ['**/*.test.ts', '**/*.suite.ts'] : ['**/*.test.ts'],
			testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/oldest-n8n/'],
			setupFilesAfterEnv: ['<rootDir>/test/support/n8n/jest-timeouts.ts'],
			slowTestThreshold: 120,
		},
		{
			...shared,
			displayName: 'oldest-n8n',
			roots: ['<rootDir>/test/e2e/oldest-n8n'],
			testMatch: ['**/*.test.ts'],
			// Sets N8N_RUN_VERSION before any module reads scripts/n8n/paths.ts.
			setupFiles: ['<rootDir>/test/e2e/oldest-n8n/use-oldest-n8n.ts'],
			setupFilesAfterEnv: ['<rootDir>/test/support/n8n/jest-timeouts.ts'],
			slowTestThreshold: 120,
		},
	],
};
