// @ts-check
'use strict';
/**
 * `npm run bench:ci`: the bench at a small size (N = 10, lists of 100 and 1,000, one start each),
 * so it cannot rot. Asserts only that every figure was produced, not that a target was met: CI
 * machines are shared and their times are noise.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ats-bench-ci-'));
const run = spawnSync(process.execPath, [path.join(__dirname, 'run.js'), '--n', '10', '--lists', '100,1000', '--starts', '1', '--out', out], { stdio: 'inherit' });
if (run.status !== 0) {
	process.stderr.write(`bench:ci: the bench exited with ${run.status}\n`);
	process.exit(1);
}
const { figures } = JSON.parse(fs.readFileSync(path.join(out, 'figures.json'), 'utf8'));
const missing = figures.filter((/** @type {any} */ row) => typeof row.ours !== 'number' || Number.isNaN(row.ours));
const ids = new Set(figures.map((/** @type {any} */ row) => row.id));
const absent = ['P1', 'P2', 'P3', 'P4'].filter((id) => !ids.has(id));
for (const file of ['summary.md', 'chart.svg']) if (!fs.existsSync(path.join(out, file)) || fs.statSync(path.join(out, file)).size === 0) absent.push(file);
if (missing.length || absent.length) {
	process.stderr.write(`bench:ci: not produced: ${[...absent, ...missing.map((/** @type {any} */ row) => `${row.id} ${row.figure}`)].join('; ')}\n`);
	process.exit(1);
}
process.stdout.write(`bench:ci: ${figures.length} figures produced (P1-P4), summary.md and chart.svg written\n`);
fs.rmSync(out, { recursive: true, force: true });
