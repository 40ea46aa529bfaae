// @ts-check
'use strict';
/**
 * Wires this package into an n8n user folder the way a user would: the package installed as a
 * community package, one credential per service pointing at the simulator (fixed ids, which the
 * templates reference), every template imported and published. Runs while n8n is stopped.
 * Shared by `npm start` and the end-to-end tests.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { REPO_ROOT, installPackage, n8nCli } = require('./n8n-runtime');

/**
 * @typedef {Object} CredentialSpec
 * @property {string} service  the simulator's service name (key of sandbox.services / SANDBOX_SECRETS)
 * @property {string} id       fixed: templates reference it
 * @property {string} name
 * @property {string} type     the credential type name
 * @property {(service: { baseUrl: string, secrets: Record<string, any> }) => Record<string, unknown>} data
 * @property {boolean} [builtIn]  a credential type of n8n itself (e.g. bambooHrApi), not of this package
 */

/**
 * One entry per service: adding a service (iCIMS, WiseWay, ...) is one more entry.
 * @type {CredentialSpec[]}
 */
const DEMO_CREDENTIALS = [
	{
		service: 'lever',
		id: 'AtsLeverApiCred1',
		name: 'Lever account',
		type: 'leverApi',
		data: ({ baseUrl, secrets }) => ({ environment: 'custom', baseUrl, apiKey: secrets.apiKey }),
	},
	{
		service: 'wecp',
		id: 'AtsWecpApiCred01',
		name: 'WeCP account',
		type: 'wecpApi',
		data: ({ baseUrl, secrets }) => ({
			baseUrl,
			apiKey: secrets.apiKey,
			partnerKey: secrets.partnerKey,
			partnerSecret: secrets.partnerSecret,
			userEmail: secrets.userEmail ?? secrets.userEmails?.[0] ?? 'recruiter@example.com',
		}),
	},
	{
		service: 'willo',
		id: 'AtsWilloApiCred1',
		name: 'Willo account',
		type: 'willoApi',
		data: ({ baseUrl, secrets }) => ({ baseUrl, apiKey: secrets.apiKey, bearerPrefix: false }),
	},
	{
		service: 'icims',
		id: 'AtsIcimsApiCred1',
		name: 'iCIMS account',
		type: 'icimsApi',
		data: ({ baseUrl, secrets }) => ({
			customerId: secrets.customerId,
			authentication: 'basic',
			username: secrets.username,
			password: secrets.password,
			environment: 'custom',
			baseUrl,
			tokenUrl: `${baseUrl}/oauth/token`,
			webhookUsername: secrets.webhookUsername,
			webhookPassword: secrets.webhookPassword,
		}),
	},
	{
		service: 'wiseway',
		id: 'AtsWiseWayApiCrd',
		name: 'WiseWay account',
		type: 'wiseWayApi',
		data: ({ baseUrl, secrets }) => ({ baseUrl, apiKey: secrets.apiKey, webhookSecret: secrets.webhookSecret }),
	},
	{
		service: 'wepow',
		id: 'AtsWepowApiCred1',
		name: 'Wepow account',
		type: 'wepowApi',
		data: ({ baseUrl, secrets }) => ({ subdomain: secrets.subdomain, email: secrets.email, apiKey: secrets.apiKey, baseUrl }),
	},
];

const TEMPLATES_DIR = path.join(REPO_ROOT, 'workflows-templates');

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
 * Installs the package, imports the credentials (pointing at the simulator's services) and the
 * templates, and publishes each template whose node types and credentials are all available.
 * n8n must not be running on this user folder.
 * @param {Object} options
 * @param {string} options.userFolder
 * @param {{ services: Record<string, { baseUrl: string }> }} options.sandbox  a started simulator
 * @param {Record<string, Record<string, any>>} [options.secrets]  per service; default the simulator's SANDBOX_SECRETS
 * @param {import('./n8n-runtime').N8nInstall} [options.install]
 * @param {(line: string) => void} [options.log]
 * @param {string} [options.packageDir]     default: this repo (its dist/ must be built)
 * @param {string} [options.templatesDir]   default: <repo>/workflows-templates
 * @param {string[]} [options.templates]    file names to import (default: every *.json)
 * @param {boolean} [options.publish]       default true
 * @param {CredentialSpec[]} [options.credentials]  default DEMO_CREDENTIALS
 * @param {CredentialSpec[]} [options.extraCredentials]  imported as well, e.g. a built-in type a test needs (default none)
 * @returns {Promise<Provisioned>}
 */
async function provisionDemo({
	userFolder,
	sandbox,
	secrets,
	install,
	log = (line) => process.stdout.write(`${line}\n`),
	packageDir = REPO_ROOT,
	templatesDir = TEMPLATES_DIR,
	templates,
	publish = true,
	credentials = DEMO_CREDENTIALS,
	extraCredentials = [],
}) {
	secrets ??= require(path.join(REPO_ROOT, 'test', 'sandbox')).SANDBOX_SECRETS;
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
		if (credentialRows.length) {
			const file = path.join(work, 'credentials.json');
			fs.writeFileSync(file, JSON.stringify(credentialRows), { mode: 0o600 });
			await n8nCli(userFolder, ['import:credentials', `--input=${file}`], { install });
			log(`[provision] credentials imported: ${credentialRows.map((row) => `${row.name} (${row.id})`).join(', ')}`);
		}
		const importedCredentialIds = new Set(credentialRows.map((row) => row.id));

		// Templates: one import for all; an id for any template without one.
		const files = (templates ?? fs.readdirSync(templatesDir).filter((file) => file.endsWith('.json')).sort()).map((file) => path.basename(file));
		/** @type {Array<{ file: string, workflow: any }>} */
		const entries = files.map((file) => {
			const workflow = JSON.parse(fs.readFileSync(path.join(templatesDir, file), 'utf8'));
			workflow.id ||= stableWorkflowId(file);
			return { file, workflow };
		});
		/** @type {ProvisionedWorkflow[]} */
		const workflows = [];
		if (entries.length) {
			const file = path.join(work, 'workflows.json');
			fs.writeFileSync(file, JSON.stringify(entries.map((entry) => entry.workflow)));
			await n8nCli(userFolder, ['import:workflow', `--input=${file}`], { install });
			// Confirm the ids n8n holds them under rather than trusting the files.
			const listing = await n8nCli(userFolder, ['list:workflow'], { install });
			const listed = new Map(
				listing
					.split('\n')
					.map((line) => /^(\w+)\|(.*)$/.exec(line.trim()))
					.filter((match) => match !== null)
					.map((match) => [/** @type {RegExpExecArray} */ (match)[1], /** @type {RegExpExecArray} */ (match)[2]]),
			);
			for (const { file: templateFile, workflow } of entries) {
				if (!listed.has(workflow.id)) {
					throw new Error(`template ${templateFile}: n8n lists no workflow ${workflow.id} after import; \`n8n list:workflow\` printed:\n${listing.trim() || '(nothing)'}`);
				}
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
				workflows.push({ file: templateFile, id: workflow.id, name: listed.get(workflow.id) ?? workflow.name, published: false, ...(reason ? { notPublishedBecause: reason } : {}) });
			}
			log(`[provision] templates imported: ${workflows.map((workflow) => `${workflow.file} (${workflow.id})`).join(', ')}`);
		}

		if (publish) {
			for (const workflow of workflows) {
				if (workflow.notPublishedBecause) {
					note(`template ${workflow.file} imported but not published: ${workflow.notPublishedBecause}`);
					continue;
				}
				await n8nCli(userFolder, ['publish:workflow', `--id=${workflow.id}`], { install });
				workflow.published = true;
			}
			log(`[provision] published: ${workflows.filter((workflow) => workflow.published).map((workflow) => workflow.id).join(', ') || 'none'}`);
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

module.exports = { provisionDemo, DEMO_CREDENTIALS, TEMPLATES_DIR, stableWorkflowId, providedTypes };
