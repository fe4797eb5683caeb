// Loaded by jest.config.js for the e2e project: a real n8n answers in seconds, but publishing, CLI commands
// and restarts on two busy cores can take a minute.
jest.setTimeout(180_000);
