/**
 * Nothing committed may cite a file outside the repository: a contributor who clones it cannot read
 * one. Contracts live in docs/api/. Relative paths that climb to a `shared/` folder must land inside
 * the repository (nodes/shared/ does); the workspace folder these files were first written in is
 * named by no file.
 */
import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { dirname, join, resolve, sep } from 'path';

const root = resolve(__dirname, '..', '..', '..');
const files = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' })
	.split('\n')
	.filter((file) => file !== '' && file !== 'package-lock.json' && !/\.(svg|png)$/.test(file));
// Built from parts so that this file does not name the path it looks for.
const workspacePath = new RegExp(['', 'work', ''].join('/'));

function outsidePaths(file: string, text = readFileSync(join(root, file), 'utf8')): string[] {
	const found: string[] = [];
	if (workspacePath.test(text)) found.push(`${file}: names the workspace folder`);
	for (const match of text.matchAll(/(?:\.\.\/)+shared\/[\w./-]*/g)) {
		const target = resolve(root, dirname(file), match[0]);
		if (!target.startsWith(root + sep)) found.push(`${file}: ${match[0]} is outside the repository`);
	}
	return found;
}

describe('committed files', () => {
	it('are listed by git', () => {
		expect(files).toContain('docs/api/README.md');
	});

	it('cite no path outside the repository', () => {
		expect(files.flatMap((file) => outsidePaths(file))).toEqual([]);
	});

	it('would catch a workspace path and a climb out of the repository, not an import of nodes/shared', () => {
		const workspaceFile = ['', 'work', 'shared', 'api', 'lever.md'].join('/');
		expect(outsidePaths('simulator/lever/routes.js', `Contract: ${workspaceFile}`)).toHaveLength(1);
		// Built from parts, so this test file does not itself name a path outside the repo.
		expect(outsidePaths('README.md', `See ${['..', 'shared', 'real-n8n.md'].join('/')}`)).toHaveLength(1);
		expect(outsidePaths('nodes/Lever/transport.ts', "import { paginate } from '../shared/pagination';")).toEqual([]);
	});
});
