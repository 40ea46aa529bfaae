// @ts-check
'use strict';
/**
 * `npm run build` for `npm start`, skipped when nothing it compiles has changed since the last
 * build `npm start` made (tsc and gulp take 10 to 30 s of a start).
 */
const childProcess = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { REPO_ROOT } = require('./paths');

/** What the build reads: a change to any of these means building again. */
const SOURCES = ['nodes', 'credentials', 'package.json', 'tsconfig.json', 'gulpfile.js'];
/** Beside n8n's dev user folder (git-ignored): when the last build `npm start` made began. */
const STAMP = path.join('.n8n-dev', 'last-build.json');

/**
 * The latest modification time under a file or folder, in ms (0 when missing).
 * @param {string} target
 * @returns {number}
 */
function latestChange(target) {
	let stat;
	try {
		stat = fs.statSync(target);
	} catch {
		return 0;
	}
	if (!stat.isDirectory()) return stat.mtimeMs;
	return fs.readdirSync(target).reduce((latest, entry) => Math.max(latest, latestChange(path.join(target, entry))), stat.mtimeMs);
}

/**
 * Whether dist/ was built by this script from the sources as they are now.
 * @param {string} [root]
 */
function upToDate(root = REPO_ROOT) {
	let stamp;
	try {
		stamp = JSON.parse(fs.readFileSync(path.join(root, STAMP), 'utf8'));
	} catch {
		return false;
	}
	if (!fs.existsSync(path.join(root, 'dist', 'nodes'))) return false;
	return SOURCES.every((source) => latestChange(path.join(root, source)) <= stamp.sourcesAsOf);
}

/**
 * Builds unless up to date; says which.
 * @param {{ log: (line: string) => void, force?: boolean, root?: string }} options
 * @returns {Promise<boolean>} whether it built
 */
async function buildIfChanged({ log, force = false, root = REPO_ROOT }) {
	if (!force && upToDate(root)) {
		log('Build skipped: dist/ is newer than every source (npm run build to force one).');
		return false;
	}
	const sourcesAsOf = Date.now();
	await new Promise((resolve, reject) => {
		const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
		const child = childProcess.spawn(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' });
		child.on('error', reject);
		child.on('exit', (code) => (code === 0 ? resolve(undefined) : reject(new Error(`npm run build failed (exit ${code})`))));
	});
	fs.mkdirSync(path.dirname(path.join(root, STAMP)), { recursive: true });
	fs.writeFileSync(path.join(root, STAMP), `${JSON.stringify({ sourcesAsOf })}\n`);
	return true;
}

module.exports = { buildIfChanged, upToDate };
