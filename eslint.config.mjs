// `npm run lint` applies the rule set of n8n's community-package scanner
// (@n8n/scan-community-package) to what the scanner reads: package.json, the node and
// credential sources, and the compiled dist/ that is published. Inline disables are ignored
// there as in the scanner. Tests, the simulator and scripts get plain recommended rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';

const scanned = ['package.json', '{nodes,credentials}/**/*.{js,ts,json}', 'dist/**/*.js'];

export default tseslint.config(
	{ ignores: ['node_modules/**', '.cache/**', 'coverage/**', '.n8n-dev/**', 'dist/**/*.d.ts', 'dist/**/*.map', '**/package-lock.json'] },
	{ files: scanned, linterOptions: { noInlineConfig: true } },
	{ ...n8nCommunityNodesPlugin.configs.recommended, files: scanned },
	{ files: scanned, rules: { 'no-console': 'error' } },
	{ files: scanned, plugins: { 'n8n-nodes-base': n8nNodesBase } },
	{ files: ['package.json'], rules: { ...n8nNodesBase.configs.community.rules } },
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{ files: ['**/*.json'], languageOptions: { parser: tseslint.parser } },
	// Beyond the scanner: TypeScript's recommended rules on our own sources.
	{ files: ['{nodes,credentials}/**/*.ts'], extends: [js.configs.recommended, tseslint.configs.recommended] },
	{
		// Tests, the simulator and the run scripts are Node programs, not n8n nodes.
		files: ['simulator/**/*.js', 'test/**/*.{ts,js}', 'scripts/**/*.js', '*.js', '*.mjs'],
		extends: [js.configs.recommended, tseslint.configs.recommended],
		languageOptions: {
			globals: {
				require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly',
				__dirname: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly',
				setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', fetch: 'readonly',
				exports: 'writable', setImmediate: 'readonly', AbortController: 'readonly',
			},
		},
		// The simulator and scripts are untyped JS: tests may hold their answers as any.
		rules: { '@typescript-eslint/no-require-imports': 'off', '@typescript-eslint/no-explicit-any': 'off' },
	},
);
