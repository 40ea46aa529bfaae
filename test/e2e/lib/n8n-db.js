// @ts-check
'use strict';
/**
 * Read-only queries on a test n8n's database, for what the REST API does not show: the
 * deduplication store (`processed_data`), raw execution rows, registered webhooks
 * (`webhook_entity`), a workflow's static data.
 *
 * SQLite (<userFolder>/.n8n/database.sqlite): in a child process on n8n's own Node 24, whose
 * built-in `node:sqlite` reads the database (in WAL mode) safely while n8n runs.
 * PostgreSQL (a user folder the environment registered with usePostgres): with the `pg` client of
 * n8n's own install. Queries are written once, in SQLite's dialect with `?` placeholders.
 */
const childProcess = require('node:child_process');
const path = require('node:path');
const { ensureN8n } = require('../../../scripts/lib/install');
const { requireFromN8n } = require('../../../scripts/lib/paths');

/** @typedef {{ host: string, port: number, database: string, user: string, password: string }} PostgresConnection */

/** @type {Map<string, PostgresConnection>} user folder → the PostgreSQL its n8n runs on */
const postgresByFolder = new Map();

/**
 * Sends this user folder's queries to PostgreSQL (its n8n runs with DB_TYPE=postgresdb); null
 * sends them to its SQLite file again.
 * @param {string} userFolder
 * @param {PostgresConnection | null} connection
 */
function usePostgres(userFolder, connection) {
	if (connection) postgresByFolder.set(path.resolve(userFolder), connection);
	else postgresByFolder.delete(path.resolve(userFolder));
}

/**
 * @param {PostgresConnection} connection
 * @param {string} sql  SQLite dialect: n8n's camelCase columns are quoted here, `?` become $n
 * @param {Array<string | number | null>} params
 * @returns {Promise<any[]>}
 */
async function queryPostgres(connection, sql, params) {
	let index = 0;
	const text = sql.replace(/\?/g, () => `$${++index}`).replace(/\b([a-z]+[A-Z][A-Za-z]*)\b/g, '"$1"');
	const { Client } = requireFromN8n('pg');
	const { host, port, database, user, password } = connection;
	const client = new Client({ host, port, database, user, password });
	await client.connect();
	try {
		const { rows } = await client.query(text, params);
		// SQLite hands timestamps over as text: do the same, so callers see one shape.
		return rows.map((/** @type {Record<string, unknown>} */ row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value])));
	} catch (error) {
		throw new Error(`query on PostgreSQL ${connection.host}:${connection.port} failed: ${/** @type {Error} */ (error).message}\n${text}`);
	} finally {
		await client.end();
	}
}

const QUERY_SCRIPT = `
const { DatabaseSync } = require('node:sqlite');
const [file, sql, params] = JSON.parse(process.argv[1]);
const db = new DatabaseSync(file, { readOnly: true });
try {
	db.exec('PRAGMA busy_timeout = 5000');
	process.stdout.write(JSON.stringify(db.prepare(sql).all(...params)));
} finally {
	db.close();
}
`;

/**
 * Runs one SELECT and returns its rows.
 * @param {string} userFolder  the N8N_USER_FOLDER n8n runs with
 * @param {string} sql
 * @param {Array<string | number | null>} [params]  for `?` placeholders
 * @returns {Promise<any[]>}
 */
async function queryN8nDb(userFolder, sql, params = []) {
	const postgres = postgresByFolder.get(path.resolve(userFolder));
	if (postgres) return queryPostgres(postgres, sql, params);
	const { nodeBin } = await ensureN8n({ log: () => {} });
	const file = path.join(path.resolve(userFolder), '.n8n', 'database.sqlite');
	return new Promise((resolve, reject) => {
		childProcess.execFile(
			nodeBin,
			['--disable-warning=ExperimentalWarning', '-e', QUERY_SCRIPT, JSON.stringify([file, sql, params])],
			{ maxBuffer: 64 * 1024 * 1024 },
			(error, stdout, stderr) => {
				if (error) return reject(new Error(`query on ${file} failed: ${stderr || error.message}\n${sql}`));
				resolve(JSON.parse(stdout));
			},
		);
	});
}

/**
 * n8n's deduplication store (checkProcessedAndRecord): one row per workflow and context,
 * `value` parsed (`{ mode: 'entries', data: [hashes] }`, or the latest value in the other modes).
 * @param {string} userFolder
 * @param {string} [workflowId]
 * @returns {Promise<Array<{ workflowId: string, context: string, value: any, createdAt: string, updatedAt: string }>>}
 */
async function processedData(userFolder, workflowId) {
	const rows = await queryN8nDb(
		userFolder,
		`SELECT workflowId, context, value, createdAt, updatedAt FROM processed_data${workflowId ? ' WHERE workflowId = ?' : ''}`,
		workflowId ? [workflowId] : [],
	);
	return rows.map((row) => ({ ...row, value: safeJson(row.value) }));
}

/**
 * Raw execution rows (soft-deleted ones excluded), oldest first.
 * @param {string} userFolder
 * @param {string} [workflowId]
 * @returns {Promise<Array<{ id: string, workflowId: string, status: string, mode: string, finished: boolean, startedAt: string | null, stoppedAt: string | null }>>}
 */
async function executionRows(userFolder, workflowId) {
	const rows = await queryN8nDb(
		userFolder,
		`SELECT id, workflowId, status, mode, finished, startedAt, stoppedAt FROM execution_entity WHERE deletedAt IS NULL${workflowId ? ' AND workflowId = ?' : ''} ORDER BY id`,
		workflowId ? [workflowId] : [],
	);
	return rows.map((row) => ({ ...row, id: String(row.id), finished: Boolean(row.finished) }));
}

/**
 * The production webhooks n8n has registered (what it will answer on /webhook/...).
 * @param {string} userFolder
 * @param {string} [workflowId]
 * @returns {Promise<Array<{ workflowId: string, webhookPath: string, method: string, node: string, webhookId: string | null }>>}
 */
async function registeredWebhooks(userFolder, workflowId) {
	return queryN8nDb(
		userFolder,
		`SELECT workflowId, webhookPath, method, node, webhookId FROM webhook_entity${workflowId ? ' WHERE workflowId = ?' : ''}`,
		workflowId ? [workflowId] : [],
	);
}

/**
 * A workflow's static data (where triggers keep their remote webhook ids and secrets), parsed.
 * @param {string} userFolder
 * @param {string} workflowId
 * @returns {Promise<any>}
 */
async function workflowStaticData(userFolder, workflowId) {
	const [row] = await queryN8nDb(userFolder, 'SELECT staticData FROM workflow_entity WHERE id = ?', [workflowId]);
	return row ? safeJson(row.staticData) : undefined;
}

/** @param {unknown} text */
function safeJson(text) {
	if (typeof text !== 'string') return text;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

module.exports = { usePostgres, queryN8nDb, processedData, executionRows, registeredWebhooks, workflowStaticData };
