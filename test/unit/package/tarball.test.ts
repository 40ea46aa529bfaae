/**
 * What `npm publish` would ship: the templates the README sends users to, and no tests, scripts or
 * source maps. Asks npm itself (`npm pack --dry-run`), so the `files` list and .npmignore rules
 * are applied exactly as on publish. Also checks that the README gives every template an import URL
 * and names every node in its Install section.
 */
import { execFileSync } from 'child_process';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import type { INodeType } from 'n8n-workflow';

const root = join(__dirname, '..', '..', '..');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
	repository: { url: string };
	n8n: { nodes: string[] };
};
const templates = readdirSync(join(root, 'workflows-templates')).filter((file) => file.endsWith('.json'));

function packedPaths(): string[] {
	// --ignore-scripts: a dry run must not build; what is on disk is what is checked.
	const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: root,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const [pack] = JSON.parse(output) as Array<{ files: Array<{ path: string }> }>;
	return pack.files.map((file) => file.path);
}

/** The raw-file URL of a template on GitHub, from package.json's repository. */
export function rawTemplateUrl(file: string): string {
	const match = /github\.com[/:]([^/]+)\/([^/]+?)(?:\.git)?$/.exec(packageJson.repository.url);
	if (!match) throw new Error(`package.json repository.url is not a GitHub URL: ${packageJson.repository.url}`);
	return `https://raw.githubusercontent.com/${match[1]}/${match[2]}/main/workflows-templates/${file}`;
}

describe('the npm package', () => {
	let paths: string[];
	beforeAll(() => {
		paths = packedPaths();
	}, 60_000);

	it('holds every workflow template', () => {
		expect(templates.length).toBeGreaterThan(0);
		const missing = templates.filter((file) => !paths.includes(`workflows-templates/${file}`));
		expect(missing).toEqual([]);
	});

	it('holds no test, simulator, script, workflow or source map', () => {
		const unwanted = paths.filter(
			(path) =>
				/^(test|scripts|\.github|\.ci|\.cache|node_modules)\//.test(path) ||
				/\.test\.[jt]s$/.test(path) ||
				/\.map$/.test(path) ||
				path.endsWith('.ts') && !path.endsWith('.d.ts'),
		);
		expect(unwanted).toEqual([]);
	});
});

describe('the README', () => {
	const readme = readFileSync(join(root, 'README.md'), 'utf8');

	it.each(templates)('gives %s an Import from URL address', (file) => {
		expect(readme).toContain(rawTemplateUrl(file));
	});

	it('names every node of the package in Install', () => {
		const install = readme.slice(readme.indexOf('## Install\n'), readme.indexOf('\n## ', readme.indexOf('## Install\n') + 1));
		const names = packageJson.n8n.nodes.map((entry) => {
			// The build's entry, loaded from its TypeScript source.
			const source = entry.replace(/^dist\//, '').replace(/\.js$/, '');
			const className = source.split('/').pop()!.split('.')[0];
			const module = require(join(root, source)) as Record<string, new () => INodeType>;
			return new module[className]().description.displayName;
		});
		expect(names).toHaveLength(12);
		expect(names.filter((name) => !install.includes(`*${name}*`))).toEqual([]);
	});
});
