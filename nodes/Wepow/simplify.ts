import type { SimpleFields } from '../shared/simplify';

// What Simplify keeps of Wepow's interview templates.
export const SIMPLE_TEMPLATE: SimpleFields = { id: ['id'], name: ['name'] };
