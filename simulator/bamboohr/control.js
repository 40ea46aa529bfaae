// @ts-check
'use strict';
/**
 * BambooHR simulator: its control routes under /_control/bamboohr (see ../README.md).
 */

/** @typedef {import('../shared/core').Route} Route */

/** @param {import('./seed').Store} store  the live state (replaced by reset) */
function createControlRoutes(store) {
	/** @type {Route[]} */
	const controlRoutes = [
		{ method: 'GET', path: '/employees', handler: () => ({ status: 200, body: store.state.employees.map((e) => ({ ...e, fields: { ...e.fields } })) }) },
	];

	return controlRoutes;
}

module.exports = { createControlRoutes };
