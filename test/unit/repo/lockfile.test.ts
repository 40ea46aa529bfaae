/**
 * `npm ci` refuses a lock file that lacks any dependency it names, optional platform binaries
 * included (npm may drop those of other platforms when it rewrites the lock from an installed tree).
 */
import { readFileSync } from 'fs';
import { join } from 'path';

interface LockedPackage {
	dependencies?: Record<string, string>;
	optionalDependencies?: Record<string, string>;
	devDependencies?: Record<string, string>;
}

const lock = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package-lock.json'), 'utf8')) as {
	lockfileVersion: number;
	packages: Record<string, LockedPackage>;
};

/** Where Node (and npm) find `name` from the package at `from`: its own node_modules, then each parent's. */
function resolves(from: string, name: string): boolean {
	let base = from;
	for (;;) {
		if (lock.packages[`${base === '' ? '' : `${base}/`}node_modules/${name}`]) return true;
		if (base === '') return false;
		const cut = base.lastIndexOf('/node_modules/');
		base = cut < 0 ? '' : base.slice(0, cut);
	}
}

describe('package-lock.json', () => {
	it('is a version 3 lock', () => {
		expect(lock.lockfileVersion).toBe(3);
	});

	it("records every optional dependency of every package, for every platform, as npm ci needs", () => {
		const missing: string[] = [];
		for (const [path, entry] of Object.entries(lock.packages)) {
			for (const name of Object.keys(entry.optionalDependencies ?? {})) {
				if (!resolves(path, name)) missing.push(`${path || '(root)'} → ${name}`);
			}
		}
		expect(missing).toEqual([]);
	});

	it('records every dependency of the project and of every package', () => {
		const missing: string[] = [];
		for (const [path, entry] of Object.entries(lock.packages)) {
			const required = { ...entry.dependencies, ...(path === '' ? entry.devDependencies : {}) };
			for (const name of Object.keys(required)) {
				if (!resolves(path, name)) missing.push(`${path || '(root)'} → ${name}`);
			}
		}
		expect(missing).toEqual([]);
	});
});
