// n8n's community-node lint, in its "without n8n Cloud support" form.
//
// Why not the Cloud form: this package ships runtime dependencies (intercom-client, mysql2,
// @supabase/supabase-js, libphonenumber-js). n8n Cloud only accepts community nodes without them, so the
// package is for self-hosted n8n only, by design. `recommendedWithoutN8nCloudSupport` is the plugin's own
// config for that case (the `strict: false` mode of n8n's node CLI); its one remaining Cloud rule,
// no-runtime-dependencies, is switched off for package.json below for the same reason. Everything else,
// including eslint-plugin-n8n-nodes-base's node, credential and package rules, stays on.
import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import { globalIgnores } from 'eslint/config';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const communityNodes = n8nCommunityNodesPlugin.configs.recommendedWithoutN8nCloudSupport;

export default tseslint.config(
	// A disable comment that no longer hides anything is an error, so temporary ones cannot outlive their reason.
	{ linterOptions: { reportUnusedDisableDirectives: 'error' } },
	globalIgnores(['dist/', 'node_modules/', '.cache/', '.n8n-data/', 'coverage/']),
	{
		files: ['**/*.ts'],
		extends: [js.configs.recommended, tseslint.configs.recommended],
		rules: {
			// Unused names are already compile errors (noUnusedLocals/noUnusedParameters); `_name` marks deliberate ones.
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
		},
	},
	{
		files: ['credentials/**/*.ts', 'nodes/**/*.ts', 'package.json'],
		plugins: { ...communityNodes.plugins, 'n8n-nodes-base': n8nNodesBase },
		rules: communityNodes.rules,
	},
	{
		files: ['package.json'],
		languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
		rules: {
			...n8nNodesBase.configs.community.rules,
			// Self-hosted only: see the note at the top of this file.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
			// Wants an author email, and the project has no address anyone reads yet; an invented one would be worse
			// than none (README, Releasing). Turn it back on when a real address goes into package.json.
			'@n8n/community-nodes/valid-author': 'off',
		},
	},
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Expects a docs slug; our documentationUrl values are full URLs (n8n's node CLI turns it off too).
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		// A database login, not an HTTP API: "Api" in its names would mislead. Nodes and workflows already use
		// the name memberDatabase, as n8n's own database credentials (mySql, postgres) do without the suffix.
		files: ['credentials/MemberDatabase.credentials.ts'],
		rules: {
			'n8n-nodes-base/cred-class-name-unsuffixed': 'off',
			'n8n-nodes-base/cred-class-field-name-unsuffixed': 'off',
			'n8n-nodes-base/cred-class-field-display-name-missing-api': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// These predate NodeConnectionTypes and contradict @n8n/community-nodes/node-connection-type-literal,
			// which wants `[NodeConnectionTypes.Main]` (n8n's node CLI turns them off too).
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	{
		// The node side of the memberDatabase naming above: its credential entry uses that name too.
		files: ['nodes/MemberLookup/MemberLookup.node.ts'],
		rules: { 'n8n-nodes-base/node-class-description-credentials-name-unsuffixed': 'off' },
	},
);
