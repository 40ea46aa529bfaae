// @ts-check
'use strict';
/**
 * BambooHR simulator: its name and mount point, the public host of the real API, the fields an
 * employee may have, and the shape and initial value of its in-memory state.
 */

const name = 'bamboohr';
const prefix = '/bamboohr';
/** The public host the real API lives on (and the Location header names). */
const PUBLIC_HOST = 'api.bamboohr.com';
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

/** @typedef {{ state: BambooState }} Store  the live state, one object per service instance */

module.exports = { name, prefix, PUBLIC_HOST, SEED, EVENTS, DATE, EMPLOYEE_FIELDS, seedState };
