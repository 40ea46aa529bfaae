// @ts-check
'use strict';
/**
 * BambooHR simulator: the API routes n8n's BambooHR node calls (mounted under /bamboohr, paths as on
 * api.bamboohr.com).
 */
const { objectBody } = require('../shared/core');
const { PUBLIC_HOST, DATE, EMPLOYEE_FIELDS } = require('./seed');
const { SECRETS, bambooError } = require('./auth');

/** @typedef {import('../shared/core').Route} Route */
/** @typedef {import('../shared/core').SandboxRequest} SandboxRequest */
/** @typedef {import('./seed').Employee} Employee */

/** @param {import('./seed').Store} store  the live state (replaced by reset) */
function createRoutes(store) {
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
				const employee = { id: String(store.state.nextId++), fields: { ...body }, createdAt: new Date().toISOString() };
				store.state.employees.push(employee);
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
				const employee = store.state.employees.find((e) => e.id === req.params.id);
				if (!employee) throw bambooError(404, `Employee ${req.params.id} not found`);
				return { status: 200, body: { id: employee.id, ...employee.fields } };
			},
		},
	];

	return routes;
}

module.exports = { createRoutes };
