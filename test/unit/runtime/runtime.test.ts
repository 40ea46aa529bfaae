/**
 * The dev runtime's own logic, without a real n8n: progress while long steps run, the database
 * option, provisioning in two n8n CLI calls, publishing through the running n8n.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

jest.mock('../../../scripts/lib/n8n-process', () => ({ n8nCli: jest.fn() }));

const { formatDuration, withProgress } = require('../../../scripts/lib/progress');
const { databaseFrom } = require('../../../scripts/lib/stack');
const { upToDate } = require('../../../scripts/lib/build');
const { prepareUserFolder, publishTemplates, stableWorkflowId } = require('../../../scripts/lib/provision');
const { n8nCli } = require('../../../scripts/lib/n8n-process');

describe('module graph', () => {
	const libDir = join(__dirname, '..', '..', '..', 'scripts', 'lib');
	/** Each runtime module and the runtime modules it requires. */
	const graph = new Map(
		readdirSync(libDir)
			.filter((file) => file.endsWith('.js'))
			.map((file) => {
				const source = readFileSync(join(libDir, file), 'utf8');
				return [file, [...source.matchAll(/require\('\.\/([\w-]+)'\)/g)].map((match) => `${match[1]}.js`)];
			}),
	);

	it('has no import circle', () => {
		const circles: string[] = [];
		const visit = (file: string, path: string[]) => {
			if (path.includes(file)) return void circles.push([...path.slice(path.indexOf(file)), file].join(' → '));
			for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
		};
		for (const file of graph.keys()) visit(file, []);
		expect(graph.get('stack.js')).toEqual(expect.arrayContaining(['install.js', 'provision.js', 'postgres.js']));
		expect(circles).toEqual([]);
	});
});

describe('progress', () => {
	afterEach(() => jest.useRealTimers());

	it('formats durations in seconds, then minutes and seconds', () => {
		expect(formatDuration(41_600)).toBe('42 s');
		expect(formatDuration(185_000)).toBe('3 min 05 s');
	});

	it('says what a long step is doing every interval, and stops when it ends', async () => {
		jest.useFakeTimers();
		const lines: string[] = [];
		let finish: (value: string) => void = () => undefined;
		const step = new Promise<string>((resolve) => (finish = resolve));
		const running = withProgress((line: string) => lines.push(line), 'installing n8n', () => step, { everyMs: 10_000, detail: () => '12 packages' });
		jest.advanceTimersByTime(25_000);
		expect(lines).toEqual(['  ... installing n8n: 10 s (12 packages)', '  ... installing n8n: 20 s (12 packages)']);
		finish('done');
		await expect(running).resolves.toBe('done');
		jest.advanceTimersByTime(60_000);
		expect(lines).toHaveLength(2);
	});

	it('stops reporting when the step fails, and passes the failure on', async () => {
		jest.useFakeTimers();
		const lines: string[] = [];
		await expect(withProgress((line: string) => lines.push(line), 'building', () => Promise.reject(new Error('gyp failed')))).rejects.toThrow('gyp failed');
		jest.advanceTimersByTime(60_000);
		expect(lines).toEqual([]);
	});
});

describe('build before npm start', () => {
	let root: string;
	beforeEach(() => {
		root = mkdtempSync(join(tmpdir(), 'ats-build-test-'));
		for (const folder of ['nodes/Lever', 'credentials', 'dist/nodes', '.n8n-dev']) mkdirSync(join(root, folder), { recursive: true });
		writeFileSync(join(root, 'nodes', 'Lever', 'Lever.node.ts'), '');
		writeFileSync(join(root, 'package.json'), '{}');
	});
	afterEach(() => rmSync(root, { recursive: true, force: true }));
	const stamp = (sourcesAsOf: number) => writeFileSync(join(root, '.n8n-dev', 'last-build.json'), JSON.stringify({ sourcesAsOf }));

	it('is needed when npm start never built, and not when no source changed since', () => {
		expect(upToDate(root)).toBe(false);
		stamp(Date.now() + 1000);
		expect(upToDate(root)).toBe(true);
	});

	it('is needed again when a source changed after the last build began, or dist/ is gone', () => {
		stamp(Date.now() - 60_000);
		expect(upToDate(root)).toBe(false);
		stamp(Date.now() + 1000);
		rmSync(join(root, 'dist'), { recursive: true });
		expect(upToDate(root)).toBe(false);
	});
});

describe('database option', () => {
	it('defaults to SQLite and takes PostgreSQL by its usual names', () => {
		expect(databaseFrom(undefined)).toBe('sqlite');
		expect(databaseFrom('')).toBe('sqlite');
		expect(databaseFrom('SQLite')).toBe('sqlite');
		expect(databaseFrom('postgres')).toBe('postgres');
		expect(databaseFrom('PostgreSQL')).toBe('postgres');
	});

	it('names the values it expects for anything else', () => {
		expect(() => databaseFrom('mysql')).toThrow('database: expected "sqlite" or "postgres", got "mysql"');
	});
});

describe('prepareUserFolder', () => {
	let root: string;
	beforeEach(() => {
		root = mkdtempSync(join(tmpdir(), 'ats-runtime-test-'));
		(n8nCli as jest.Mock).mockReset();
	});
	afterEach(() => rmSync(root, { recursive: true, force: true }));

	/** A built package with one trigger and one credential type, and two templates. */
	function fixture() {
		const packageDir = join(root, 'package');
		const files = ['dist/nodes/Lever/LeverTrigger.node.js', 'dist/credentials/LeverApi.credentials.js'];
		for (const file of files) {
			mkdirSync(join(packageDir, file, '..'), { recursive: true });
			writeFileSync(join(packageDir, file), '');
		}
		writeFileSync(
			join(packageDir, 'package.json'),
			JSON.stringify({ name: 'n8n-nodes-ats-assessments', version: '9.9.9', n8n: { nodes: [files[0]], credentials: [files[1]] } }),
		);
		const templatesDir = join(root, 'templates');
		mkdirSync(templatesDir);
		const credentials = { leverApi: { id: 'AtsLeverApiCred1', name: 'Lever account' } };
		writeFileSync(join(templatesDir, 'a-lever.json'), JSON.stringify({ name: 'Lever loop', nodes: [{ type: 'n8n-nodes-ats-assessments.leverTrigger', credentials }] }));
		writeFileSync(join(templatesDir, 'b-wecp.json'), JSON.stringify({ id: 'FixedId000000001', name: 'WeCP loop', nodes: [{ type: 'n8n-nodes-ats-assessments.wecp' }] }));
		return { packageDir, templatesDir };
	}

	it('imports every credential in one n8n call and every template in one more, whatever their number', async () => {
		const { packageDir, templatesDir } = fixture();
		const imported: Record<string, any> = {};
		(n8nCli as jest.Mock).mockImplementation(async (_folder: string, args: string[], options: { env: Record<string, string> }) => {
			expect(options.env).toEqual({ DB_TYPE: 'postgresdb' });
			const input = args.find((arg) => arg.startsWith('--input='))!.slice('--input='.length);
			imported[args[0]] = args.includes('--separate')
				? Object.fromEntries(readdirSync(input).map((file) => [file, JSON.parse(readFileSync(join(input, file), 'utf8'))]))
				: JSON.parse(readFileSync(input, 'utf8'));
			return '';
		});
		const provisioned = await prepareUserFolder({
			userFolder: join(root, 'user'),
			sandbox: { services: { lever: { baseUrl: 'http://127.0.0.1:1/lever' } } },
			secrets: { lever: { apiKey: 'k' } },
			env: { DB_TYPE: 'postgresdb' },
			log: () => undefined,
			packageDir,
			templatesDir,
		});

		expect((n8nCli as jest.Mock).mock.calls.map((call) => call[1][0])).toEqual(['import:credentials', 'import:workflow']);
		expect(imported['import:credentials']).toEqual([
			{ id: 'AtsLeverApiCred1', name: 'Lever account', type: 'leverApi', data: { environment: 'custom', baseUrl: 'http://127.0.0.1:1/lever', apiKey: 'k' } },
		]);
		expect(Object.keys(imported['import:workflow'])).toEqual(['a-lever.json', 'b-wecp.json']);
		expect(imported['import:workflow']['a-lever.json'].id).toBe(stableWorkflowId('a-lever.json'));
		expect(provisioned.workflows).toEqual([
			{ file: 'a-lever.json', id: stableWorkflowId('a-lever.json'), name: 'Lever loop', published: false },
			{ file: 'b-wecp.json', id: 'FixedId000000001', name: 'WeCP loop', published: false, notPublishedBecause: 'needs n8n-nodes-ats-assessments.wecp' },
		]);
		expect(readdirSync(join(root, 'user', '.n8n', 'nodes', 'node_modules', 'n8n-nodes-ats-assessments', 'dist', 'nodes', 'Lever'))).toEqual(['LeverTrigger.node.js']);
	});
	it('on a kept SQLite user folder, calls n8n again only for what changed since the last run', async () => {
		const { packageDir, templatesDir } = fixture();
		(n8nCli as jest.Mock).mockResolvedValue('');
		const userFolder = join(root, 'user');
		const options = { userFolder, sandbox: { services: { lever: { baseUrl: 'http://127.0.0.1:1/lever' } } }, secrets: { lever: { apiKey: 'k' } }, log: () => undefined, packageDir, templatesDir, reuse: true };
		await prepareUserFolder(options);
		mkdirSync(join(userFolder, '.n8n'), { recursive: true });
		writeFileSync(join(userFolder, '.n8n', 'database.sqlite'), '');
		const commands = () => (n8nCli as jest.Mock).mock.calls.map((call) => call[1][0]);
		expect(commands()).toEqual(['import:credentials', 'import:workflow']);

		await prepareUserFolder(options);
		expect(commands()).toHaveLength(2);

		writeFileSync(join(templatesDir, 'a-lever.json'), JSON.stringify({ name: 'Lever loop, edited', nodes: [] }));
		await prepareUserFolder(options);
		expect(commands()).toEqual(['import:credentials', 'import:workflow', 'import:workflow']);

		await prepareUserFolder({ ...options, reuse: false });
		expect(commands()).toHaveLength(5);
	});
});

describe('publishTemplates', () => {
	const published = { status: 'published', liveVersionId: 'v', pendingVersionId: null, triggers: [] };
	const client = (held: Array<{ id: string; name: string; activeVersionId: string | null }>) => ({
		listWorkflows: jest.fn(async () => held),
		activate: jest.fn(async () => published),
		republish: jest.fn(async () => published),
	});
	const provisioned = () => ({
		workflows: [
			{ file: 'new.json', id: 'New0000000000001', name: 'n', published: false },
			{ file: 'old.json', id: 'Old0000000000001', name: 'o', published: false },
			{ file: 'skip.json', id: 'Skip000000000001', name: 's', published: false, notPublishedBecause: 'needs credential X' },
		],
	});

	it('publishes new workflows, publishes again those already live, and leaves the rest', async () => {
		const n8n = client([
			{ id: 'New0000000000001', name: 'New', activeVersionId: null },
			{ id: 'Old0000000000001', name: 'Old', activeVersionId: 'v1' },
			{ id: 'Skip000000000001', name: 'Skip', activeVersionId: null },
		]);
		const result = provisioned();
		const publications = await publishTemplates(n8n, result, { log: () => undefined });
		expect(n8n.activate.mock.calls).toEqual([['New0000000000001', { allowFailure: true }]]);
		expect(n8n.republish.mock.calls).toEqual([['Old0000000000001', { allowFailure: true }]]);
		expect(Object.keys(publications)).toEqual(['New0000000000001', 'Old0000000000001']);
		expect(result.workflows.map((workflow) => [workflow.name, workflow.published])).toEqual([
			['New', true],
			['Old', true],
			['Skip', false],
		]);
	});

	it('fails, naming the template, when n8n does not hold an imported workflow', async () => {
		const n8n = client([{ id: 'New0000000000001', name: 'New', activeVersionId: null }]);
		await expect(publishTemplates(n8n, provisioned(), { log: () => undefined })).rejects.toThrow('template old.json: n8n holds no workflow Old0000000000001');
		expect(n8n.activate).not.toHaveBeenCalled();
	});
});
