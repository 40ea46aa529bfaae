// @ts-check
'use strict';
/**
 * BambooHR simulator (the employee calls n8n's own BambooHR node makes): in-memory employees.
 * Mounted at /bamboohr (API under /bamboohr/api/gateway.php/<subdomain>/v1, as on
 * api.bamboohr.com); control at /_control/bamboohr. n8n's BambooHR node has its host fixed to
 * https://api.bamboohr.com: the end-to-end tests reach this module through the HTTPS proxy in
 * bamboohr-proxy.js, which n8n uses through its standard HTTPS_PROXY setting.
 */
const { HttpError, objectBody } = require('./core');

/** @typedef {import('./core').ServiceContext} ServiceContext */
/** @typedef {import('./core').Service} Service */
/** @typedef {import('./core').Route} Route */
/** @typedef {import('./core').SandboxRequest} SandboxRequest */

const name = 'bamboohr';
const prefix = '/bamboohr';
/** The public host the real API lives on (and the Location header names). */
const PUBLIC_HOST = 'api.bamboohr.com';

const SECRETS = Object.freeze({
	/** The company's subdomain: acme.bamboohr.com; it is in every API path. */
	subdomain: 'acme',
	/** HTTP Basic username; BambooHR ignores the password (n8n sends "x"). */
	apiKey: 'sim-bamboohr-api-key',
});

const SEED = Object.freeze({ firstEmployeeId: 101 });
/** BambooHR sends no webhooks here. @type {readonly string[]} */
const EVENTS = Object.freeze(/** @type {string[]} */ ([]));
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The fields n8n's BambooHR node can send on employee create. */
const EMPLOYEE_FIELDS = Object.freeze([
	'firstName', 'lastName', 'address1', 'address2', 'city', 'state', 'country', 'zipcode', 'dateOfBirth', 'department',
	'division', 'employeeNumber', 'exempt', 'gender', 'hireDate', 'location', 'maritalStatus', 'mobilePhone', 'paidPer',
	'payRate', 'payType', 'preferredName', 'ssn', 'workEmail', 'workPhone', 'address',
]);

/**
 * @typedef {Object} Employee
 * @property {string} id
 * @property {Record<string, unknown>} fields
 * @property {string} createdAt
 */
/** @typedef {{ employees: Employee[], nextId: number }} BambooState */

/** @returns {BambooState} */
function seedState() {
	return { employees: [], nextId: SEED.firstEmployeeId };
}

/** BambooHR puts its error text in a header. @param {number} status @param {string} message */
function bambooError(status, message) {
	return new HttpError(status, message, { body: '', headers: { 'x-bamboohr-error-message': message } });
}

/** @returns {Service & { state: BambooState }} */
function createService() {
	let state = seedState();

	/** @param {SandboxRequest} req */
	function authenticate(req) {
		const match = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
		if (!match) throw bambooError(401, 'Missing HTTP Basic credentials: the API key as username');
		const decoded = Buffer.from(match[1], 'base64').toString('utf8');
		const username = decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : decoded;
		if (username !== SECRETS.apiKey) throw bambooError(401, 'Invalid API key');
	}

	/** @param {SandboxRequest} req */
	function company(req) {
		if (req.params.subdomain !== SECRETS.subdomain) throw bambooError(404, `No company ${req.params.subdomain}`);
		return req.params.subdomain;
	}

	/** @type {Route[]} */
	const routes = [
		{
			method: 'POST', path: '/api/gateway.php/:subdomain/v1/employees', handler: (req) => {
				const subdomain = company(req);
				const body = objectBody(req.body);
				for (const field of ['firstName', 'lastName']) {
					const value = body[field];
					if (typeof value !== 'string' || value.trim() === '') throw bambooError(400, `${field} is required`);
				}
				const unknown = Object.keys(body).filter((key) => !EMPLOYEE_FIELDS.includes(key));
				if (unknown.length) throw bambooError(400, `Unknown field(s): ${unknown.join(', ')}`);
				for (const field of ['hireDate', 'dateOfBirth']) {
					if (body[field] !== undefined && (typeof body[field] !== 'string' || !DATE.test(String(body[field])))) {
						throw bambooError(400, `${field} must be a date in the form YYYY-MM-DD`);
					}
				}
				/** @type {Employee} */
				const employee = { id: String(state.nextId++), fields: { ...body }, createdAt: new Date().toISOString() };
				state.employees.push(employee);
				return {
					status: 201,
					body: '',
					headers: { location: `https://${PUBLIC_HOST}/api/gateway.php/${subdomain}/v1/employees/${employee.id}` },
				};
			},
		},
		{
			method: 'GET', path: '/api/gateway.php/:subdomain/v1/employees/:id', handler: (req) => {
				company(req);
				const employee = state.employees.find((e) => e.id === req.params.id);
				if (!employee) throw bambooError(404, `Employee ${req.params.id} not found`);
				return { status: 200, body: { id: employee.id, ...employee.fields } };
			},
		},
	];

	/** @type {Route[]} */
	const controlRoutes = [
		{ method: 'GET', path: '/employees', handler: () => ({ status: 200, body: state.employees.map((e) => ({ ...e, fields: { ...e.fields } })) }) },
	];

	return {
		name,
		prefix,
		get state() { return state; },
		reset() { state = seedState(); },
		authenticate,
		errorBody: (_status, message) => ({ message }),
		routes,
		controlRoutes,
	};
}

module.exports = { name, prefix, PUBLIC_HOST, SECRETS, SEED, EVENTS, createService };
