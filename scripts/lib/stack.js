// @ts-check
'use strict';
/**
 * The whole stack `npm start` and each end-to-end suite run: the database (SQLite in the user
 * folder, or a throwaway PostgreSQL), n8n with this package, its credentials and templates,
 * started and published. Two n8n CLI calls and one n8n start, whatever the number of templates.
 */
const { ensureN8n } = require('./install');
const { startN8n } = require('./n8n-process');
const { startPostgres } = require('./postgres');
const { prepareUserFolder, publishTemplates } = require('./provision');
const { stdoutLog, stopwatch } = require('./progress');

/** @typedef {'sqlite' | 'postgres'} Database */

/**
 * @param {string | undefined} text  e.g. an environment variable
 * @returns {Database}
 */
function databaseFrom(text) {
	const value = (text ?? '').trim().toLowerCase();
	if (value === '' || value === 'sqlite') return 'sqlite';
	if (value === 'postgres' || value === 'postgresql' || value === 'postgresdb') return 'postgres';
	throw new Error(`database: expected "sqlite" or "postgres", got ${JSON.stringify(text)}`);
}

/**
 * @typedef {Object} Stack
 * @property {import('./n8n-process').RunningN8n & { client: ReturnType<typeof import('./client').n8nClient> }} n8n
 * @property {import('./provision').Provisioned} provisioned
 * @property {Record<string, import('./client').PublicationStatus>} publications  per published workflow id
 * @property {Database} database
 * @property {import('./postgres').RunningPostgres | undefined} postgres
 * @property {{ provisionMs: number, startMs: number, publishMs: number }} timings
 * @property {() => Promise<void>} stop  n8n, then the database
 */

/**
 * Starts n8n with the package, the simulator's credentials and the templates published.
 * @param {Object} options
 * @param {string} options.userFolder
 * @param {{ services: Record<string, { baseUrl: string }> }} options.sandbox  a started simulator
 * @param {{ email: string, password: string }} options.owner
 * @param {Database} [options.database]  default sqlite
 * @param {number} [options.port]        default a free one
 * @param {NodeJS.ProcessEnv} [options.env]  added to n8n's environment
 * @param {(line: string) => void} [options.log]
 * @param {boolean | ((line: string) => void)} [options.echo]  n8n's own output
 * @param {string} [options.templatesDir]
 * @param {string[]} [options.templates]
 * @param {import('./demo-credentials').CredentialSpec[]} [options.extraCredentials]
 * @param {string} [options.n8nVersion]  default the pinned N8N_VERSION; N8N_1X_VERSION runs the pinned
 *   n8n 1.x (installed into a cache folder of its own; activated instead of published)
 * @param {boolean} [options.keepImports]  a user folder kept between runs: skip imports that have
 *   not changed since the last one (SQLite only; a PostgreSQL cluster is new every time)
 * @returns {Promise<Stack>}
 */
async function startStack({ userFolder, sandbox, owner, database = 'sqlite', port, env = {}, log = stdoutLog, echo, templatesDir, templates, extraCredentials, keepImports = false, n8nVersion }) {
	const install = await ensureN8n({ log, version: n8nVersion });
	const postgres = database === 'postgres' ? await startPostgres({ log }) : undefined;
	try {
		const databaseEnv = postgres?.n8nEnv ?? {};
		let elapsed = stopwatch();
		const provisioned = await prepareUserFolder({ userFolder, sandbox, install, env: databaseEnv, log, templatesDir, templates, extraCredentials, reuse: keepImports && database === 'sqlite' });
		const provisionMs = elapsed();
		elapsed = stopwatch();
		const n8n = await startN8n({ userFolder, port, owner, install, log, echo, env: { ...databaseEnv, ...env } });
		const startMs = elapsed();
		const client = /** @type {NonNullable<typeof n8n.client>} */ (n8n.client);
		try {
			elapsed = stopwatch();
			const publications = await publishTemplates(client, provisioned, { log });
			const publishMs = elapsed();
			const stop = async () => {
				try {
					await n8n.stop();
				} finally {
					await postgres?.stop();
				}
			};
			return { n8n: { ...n8n, client }, provisioned, publications, database, postgres, timings: { provisionMs, startMs, publishMs }, stop };
		} catch (error) {
			await n8n.stop();
			throw error;
		}
	} catch (error) {
		await postgres?.stop();
		throw error;
	}
}

module.exports = { startStack, databaseFrom };
