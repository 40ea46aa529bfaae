// @ts-check
'use strict';
/**
 * Wires this package into an n8n user folder the way a user would: the package installed as a
 * community package, one credential per service pointing at the simulator, the templates imported
 * (two n8n CLI calls, while n8n is stopped); then, once n8n runs, the templates published through
 * it, which also registers every trigger's webhook with the services.
 * Shared by `npm start` and the end-to-end tests.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { DEMO_CREDENTIALS } = require('./demo-credentials');
const { n8nCli } = require('./n8n-process');
const { REPO_ROOT, CACHE_DIR, TEMPLATES_DIR } = require('./paths');
const { stdoutLog } = require('./progress');

/** @typedef {import('./demo-credentials').CredentialSpec} CredentialSpec */
/** @typedef {import('./client').PublicationStatus} PublicationStatus */

/**
 * Lays the package out the way n8n's own community-package install does:
 *   <userFolder>/.n8n/nodes/package.json                          { name: 'installed-nodes', dependencies }
 *   <userFolder>/.n8n/nodes/node_modules/<package>/package.json   (with its `n8n` block)
 *   <userFolder>/.n8n/nodes/node_modules/<package>/dist/...
 * A copy, not a symlink: through a symlink Node resolves the real path, so `require('n8n-workflow')`
 * in dist/ would find the repo's dev copy instead of n8n's own, and n8n's `instanceof` checks on
 * errors would fail. Replaces any earlier copy.
 * For the same reason each peer dependency (n8n-workflow) gets a link beside the package to n8n's
 * own copy in the cache: a user folder inside this repo (.n8n-dev) has the repo's node_modules
 * among its ancestors, which Node searches before n8n's NODE_PATH.
 * @param {string} userFolder
 * @param {string} [packageDir] the package's root (default: this repo)
 * @param {{ cacheDir?: string }} [options] where n8n is installed (for the peer links)
 * @returns {{ packageDir: string, name: string, version: string }}
 */
function installPackage(userFolder, packageDir = REPO_ROOT, { cacheDir = CACHE_DIR } = {}) {
	const packageJson = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	const distDir = path.join(packageDir, 'dist');
	if (!fs.existsSync(distDir)) throw new Error(`${distDir} does not exist: run \`npm run build\` first`);
	for (const file of [...(packageJson.n8n?.nodes ?? []), ...(packageJson.n8n?.credentials ?? [])]) {
		if (!fs.existsSync(path.join(packageDir, file))) throw new Error(`${packageJson.name}: ${file} (listed in package.json "n8n") is not built`);
	}
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', packageJson.name);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	fs.copyFileSync(path.join(packageDir, 'package.json'), path.join(target, 'package.json'));
	fs.cpSync(distDir, path.join(target, 'dist'), { recursive: true, dereference: true, filter: (source) => !source.endsWith('.map') });
	for (const peer of Object.keys(packageJson.peerDependencies ?? {})) {
		const own = path.join(cacheDir, 'node_modules', peer);
		const link = path.join(nodesDir, 'node_modules', peer);
		fs.rmSync(link, { recursive: true, force: true });
		if (fs.existsSync(own)) {
			fs.mkdirSync(path.dirname(link), { recursive: true });
			fs.symlinkSync(own, link, 'dir');
		}
	}

	const manifestPath = path.join(nodesDir, 'package.json');
	/** @type {{ name: string, private: boolean, dependencies: Record<string, string> }} */
	let manifest = { name: 'installed-nodes', private: true, dependencies: {} };
	try {
		manifest = { ...manifest, ...JSON.parse(fs.readFileSync(manifestPath, 'utf8')) };
	} catch {
		// none yet
	}
	manifest.dependencies = { ...manifest.dependencies, [packageJson.name]: packageJson.version };
	fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
	return { packageDir: target, name: packageJson.name, version: packageJson.version };
}

/** @param {string} text */
const lowerFirst = (text) => text.charAt(0).toLowerCase() + text.slice(1);

/**
 * The node and credential type names a package provides, from the file names its package.json
 * lists (the loader takes the class name from the file name; type names are the lower-camel
 * class names by this project's convention).
 * @param {any} packageJson
 */
function providedTypes(packageJson) {
	/** @param {string} file @param {string} suffix */
	const typeOf = (file, suffix) => lowerFirst(path.basename(file, suffix));
	return {
		nodes: new Set((packageJson.n8n?.nodes ?? []).map((/** @type {string} */ file) => `${packageJson.name}.${typeOf(file, '.node.js')}`)),
		credentials: new Set((packageJson.n8n?.credentials ?? []).map((/** @type {string} */ file) => typeOf(file, '.credentials.js'))),
	};
}

/**
 * A workflow id n8n accepts (16 alphanumerics, like its own nanoids), derived from the file name
 * so that importing the same template again updates it instead of adding a copy.
 * @param {string} fileName
 */
function stableWorkflowId(fileName) {
	const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
	const digest = crypto.createHash('sha256').update(`ats-template:${fileName}`).digest();
	return Array.from(digest.subarray(0, 16), (byte) => alphabet[byte % alphabet.length]).join('');
}

/**
 * @typedef {Object} ProvisionedWorkflow
 * @property {string} file       template file name
 * @property {string} id         the id n8n holds it under
 * @property {string} name
 * @property {boolean} published
 * @property {string} [notPublishedBecause]
 */

/**
 * @typedef {Object} Provisioned
 * @property {{ name: string, version: string, dir: string }} package
 * @property {Array<{ id: string, name: string, type: string }>} credentials  imported
 * @property {ProvisionedWorkflow[]} workflows
 * @property {string[]} notes  what was skipped and why
 */

/**
 * Installs the package and imports the credentials (pointing at the simulator's services) and the
 * templates: one n8n CLI call for all credentials, one for all workflows. Marks which templates
 * can be published: those whose node types and credentials are all there. n8n must not be running
 * on this user folder.
 * @param {Object} options
 * @param {string} options.userFolder
 * @param {{ services: Record<string, { baseUrl: string }> }} options.sandbox  a started simulator
 * @param {Record<string, Record<string, any>>} [options.secrets]  per service; default the simulator's SANDBOX_SECRETS
 * @param {import('./paths').N8nInstall} [options.install]
 * @param {NodeJS.ProcessEnv} [options.env]  for n8n's CLI, e.g. the database's DB_* variables
 * @param {(line: string) => void} [options.log]
 * @param {string} [options.packageDir]     default: this repo (its dist/ must be built)
 * @param {string} [options.templatesDir]   default: <repo>/workflows-templates
 * @param {string[]} [options.templates]    file names to import (default: every *.json)
 * @param {CredentialSpec[]} [options.credentials]  default DEMO_CREDENTIALS
 * @param {CredentialSpec[]} [options.extraCredentials]  imported as well, e.g. a built-in type a test needs (default none)
 * @param {boolean} [options.reuse]  skip an import whose input is the same as the last one into
 *   this user folder (only where the database lives in it: SQLite); default false
 * @returns {Promise<Provisioned>}
 */
async function prepareUserFolder({
	userFolder,
	sandbox,
	secrets,
	install,
	env = {},
	log = stdoutLog,
	packageDir = REPO_ROOT,
	templatesDir = TEMPLATES_DIR,
	templates,
	credentials = DEMO_CREDENTIALS,
	extraCredentials = [],
	reuse = false,
}) {
	secrets ??= require(path.join(REPO_ROOT, 'simulator')).SANDBOX_SECRETS;
	const allSecrets = /** @type {Record<string, Record<string, any>>} */ (secrets);
	/** @type {string[]} */
	const notes = [];
	const note = (/** @type {string} */ line) => {
		notes.push(line);
		log(`[provision] ${line}`);
	};
	fs.mkdirSync(userFolder, { recursive: true });
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ats-provision-'));
	try {
		const installed = installPackage(userFolder, packageDir, { cacheDir: install?.cacheDir });
		const packageJson = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
		const provided = providedTypes(packageJson);
		log(`[provision] package ${installed.name}@${installed.version} installed in ${path.relative(process.cwd(), installed.packageDir) || installed.packageDir}`);

		// Credentials: fixed ids, plain data (n8n encrypts on import).
		const credentialRows = [];
		for (const spec of [...credentials, ...extraCredentials]) {
			const service = sandbox.services[spec.service];
			if (!service) {
				note(`credential "${spec.name}" skipped: the simulator has no ${spec.service} service`);
				continue;
			}
			if (!spec.builtIn && !provided.credentials.has(spec.type)) {
				note(`credential "${spec.name}" skipped: the package has no ${spec.type} credential type`);
				continue;
			}
			credentialRows.push({ id: spec.id, name: spec.name, type: spec.type, data: spec.data({ baseUrl: service.baseUrl, secrets: allSecrets[spec.service] ?? {} }) });
		}
		const imports = importRecord(userFolder, reuse);
		if (credentialRows.length && imports.changed('credentials', credentialRows)) {
			const file = path.join(work, 'credentials.json');
			fs.writeFileSync(file, JSON.stringify(credentialRows), { mode: 0o600 });
			await n8nCli(userFolder, ['import:credentials', `--input=${file}`], { install, env });
			imports.done('credentials', credentialRows);
			log(`[provision] credentials imported: ${credentialRows.map((row) => `${row.name} (${row.id})`).join(', ')}`);
		} else if (credentialRows.length) {
			log('[provision] credentials unchanged since the last run: not imported again');
		}
		const importedCredentialIds = new Set(credentialRows.map((row) => row.id));

		// Templates: one file each in one folder, one import for all; an id for any without one.
		const files = (templates ?? fs.readdirSync(templatesDir).filter((file) => file.endsWith('.json')).sort()).map((file) => path.basename(file));
		/** @type {ProvisionedWorkflow[]} */
		const workflows = [];
		if (files.length) {
			const folder = path.join(work, 'workflows');
			fs.mkdirSync(folder);
			/** @type {Array<[string, string]>} */
			const templateTexts = [];
			for (const file of files) {
				const workflow = JSON.parse(fs.readFileSync(path.join(templatesDir, file), 'utf8'));
				workflow.id ||= stableWorkflowId(file);
				fs.writeFileSync(path.join(folder, file), JSON.stringify(workflow));
				templateTexts.push([file, JSON.stringify(workflow)]);
				const missing = [
					...(workflow.nodes ?? [])
						.map((/** @type {any} */ node) => node.type)
						.filter((/** @type {string} */ type) => type.startsWith(`${packageJson.name}.`) && !provided.nodes.has(type)),
					...(workflow.nodes ?? [])
						.flatMap((/** @type {any} */ node) => Object.values(node.credentials ?? {}))
						.map((/** @type {any} */ reference) => reference.id)
						.filter((/** @type {string} */ id) => !importedCredentialIds.has(id))
						.map((/** @type {string} */ id) => `credential ${id}`),
				];
				const reason = missing.length ? `needs ${[...new Set(missing)].join(', ')}` : undefined;
				workflows.push({ file, id: workflow.id, name: workflow.name, published: false, ...(reason ? { notPublishedBecause: reason } : {}) });
			}
			if (imports.changed('workflows', templateTexts)) {
				await n8nCli(userFolder, ['import:workflow', '--separate', `--input=${folder}`], { install, env });
				imports.done('workflows', templateTexts);
				log(`[provision] templates imported: ${workflows.map((workflow) => `${workflow.file} (${workflow.id})`).join(', ')}`);
			} else {
				log('[provision] templates unchanged since the last run: not imported again (edits made in the editor stay)');
			}
			for (const workflow of workflows) {
				if (workflow.notPublishedBecause) note(`template ${workflow.file} imported but not published: ${workflow.notPublishedBecause}`);
			}
		}
		return {
			package: { name: installed.name, version: installed.version, dir: installed.packageDir },
			credentials: credentialRows.map(({ id, name, type }) => ({ id, name, type })),
			workflows,
			notes,
		};
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

/**
 * What was last imported into a user folder (a hash per kind, beside n8n's SQLite database), so a
 * later run can skip an n8n CLI call (several seconds each) whose input has not changed.
 * @param {string} userFolder
 * @param {boolean} reuse  false: every import counts as changed
 */
function importRecord(userFolder, reuse) {
	const file = path.join(userFolder, '.n8n', 'ats-imports.json');
	const database = path.join(userFolder, '.n8n', 'database.sqlite');
	/** @type {Record<string, string>} */
	let record = {};
	try {
		record = reuse && fs.existsSync(database) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
	} catch {
		record = {}; // none yet
	}
	const hash = (/** @type {unknown} */ input) => crypto.createHash('sha256').update(JSON.stringify(input)).digest('hex');
	return {
		/** @param {string} kind @param {unknown} input */
		changed: (kind, input) => record[kind] !== hash(input),
		/** @param {string} kind @param {unknown} input */
		done: (kind, input) => {
			record[kind] = hash(input);
			fs.mkdirSync(path.dirname(file), { recursive: true });
			fs.writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
		},
	};
}

/**
 * Publishes, through the running n8n, every imported template that can be: n8n runs each
 * trigger's webhook lifecycle, registering it with the (simulated) service. One already published
 * (a user folder from an earlier run) is unpublished first, since n8n re-registers nothing for an
 * unchanged trigger and the simulator may be new. Confirms first that n8n holds every workflow
 * under the expected id.
 * @param {ReturnType<typeof import('./client').n8nClient>} client  logged in as the owner
 * @param {Provisioned} provisioned  marked `published` here
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {Promise<Record<string, PublicationStatus>>} per published workflow id
 */
async function publishTemplates(client, provisioned, { log = stdoutLog } = {}) {
	const held = new Map((await client.listWorkflows()).map((workflow) => [workflow.id, workflow]));
	for (const workflow of provisioned.workflows) {
		if (!held.has(workflow.id)) {
			throw new Error(`template ${workflow.file}: n8n holds no workflow ${workflow.id} after the import (it holds ${[...held.keys()].join(', ') || 'none'})`);
		}
		workflow.name = held.get(workflow.id)?.name ?? workflow.name;
	}
	/** @type {Record<string, PublicationStatus>} */
	const publications = {};
	// One at a time: measured, four at once was no faster (n8n does the work, on the same cores).
	for (const workflow of provisioned.workflows.filter((entry) => !entry.notPublishedBecause)) {
		const status = held.get(workflow.id)?.activeVersionId
			? await client.republish(workflow.id, { allowFailure: true })
			: await client.activate(workflow.id, { allowFailure: true });
		publications[workflow.id] = status;
		workflow.published = true;
		if (status.status !== 'published') {
			const errors = status.triggers.map((trigger) => trigger.errorMessage).filter(Boolean).join('; ');
			log(`[provision] workflow ${workflow.id} (${workflow.file}): publication ${status.status}${errors ? `: ${errors}` : ''}`);
		}
	}
	log(`[provision] published: ${Object.keys(publications).join(', ') || 'none'}`);
	return publications;
}

module.exports = { prepareUserFolder, publishTemplates, installPackage, providedTypes, stableWorkflowId, DEMO_CREDENTIALS, TEMPLATES_DIR };
