// Loaded by jest.config.js for the oldest-n8n project, before the test file: every n8n its suites start is the
// oldest supported one (scripts/n8n/paths.ts), unless N8N_RUN_VERSION names another installed one (to try a
// candidate floor). Jest gives each test file its own process.env, so no other suite sees this.
process.env.N8N_RUN_VERSION ||= 'oldest';
