// The rule set of n8n's community-package scanner: n8n's community-nodes plugin (recommended),
// eslint-plugin-n8n-nodes-base's community / credentials / nodes rules, and no console.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', '.cache/**', 'coverage/**'] },
	{
		files: ['credentials/**/*.ts', 'nodes/**/*.ts'],
		extends: [js.configs.recommended, tseslint.configs.recommended],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: { 'no-console': 'error' },
	},
	{
		...n8nCommunityNodesPlugin.configs.recommended,
		files: ['credentials/**/*.ts', 'nodes/**/*.ts', 'package.json'],
	},
	{
		files: ['package.json'],
		languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: { ...n8nNodesBase.configs.community.rules },
	},
	{
		files: ['credentials/**/*.ts'],
		rules: { ...n8nNodesBase.configs.credentials.rules },
	},
	{
		files: ['nodes/**/*.ts'],
		rules: { ...n8nNodesBase.configs.nodes.rules },
	},
	{
		// Tests, the simulator and the run scripts are Node programs, not n8n nodes.
		files: ['test/**/*.{ts,js}', 'scripts/**/*.js', '*.js', '*.mjs'],
		extends: [js.configs.recommended, tseslint.configs.recommended],
		languageOptions: {
			globals: {
				require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly',
				__dirname: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly',
				setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', fetch: 'readonly',
				exports: 'writable', setImmediate: 'readonly', AbortController: 'readonly',
			},
		},
		rules: { '@typescript-eslint/no-require-imports': 'off' },
	},
);
