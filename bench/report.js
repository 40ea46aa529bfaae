// @ts-check
'use strict';
/**
 * The bench's one-page summary: bench/results/summary.md (a Markdown table of every figure) and
 * bench/results/chart.svg (our side against the hand-built one, per figure, as a ratio), drawn by
 * Vega-Lite and rendered to SVG by Vega in Node (no browser, no canvas).
 */
const fs = require('node:fs');
const path = require('node:path');

/** @param {number | null | undefined} value */
const show = (value) => (value === null || value === undefined || Number.isNaN(value) ? '–' : String(+value.toFixed(2)));

/** @param {any} row */
function ratioOf(row) {
	return typeof row.ours === 'number' && typeof row.hand === 'number' && row.hand !== 0 ? row.ours / row.hand : null;
}

/** @param {{ flags: any, figures: any[], cores: number, at: string }} run */
function markdown(run) {
	const lines = [
		`# Bench: ours against the hand-built flow`,
		'',
		`Run ${run.at} on ${run.cores} cores; flags ${JSON.stringify(run.flags)}. "hand" is the hand-built flow, except in P3 (the small N) and P4 (n8n without the package). Load is the machine's 1/5/15-minute load average when the figure was taken.`,
		'',
		'| id | figure | ours | hand | ratio | unit | target | met | load |',
		'|---|---|---|---|---|---|---|---|---|',
	];
	for (const row of run.figures) {
		const ratio = ratioOf(row);
		const met = row.met === true ? 'yes' : row.met === false ? '**no**' : '';
		lines.push(`| ${row.id} | ${row.figure} | ${show(row.ours)} | ${show(row.hand)} | ${ratio === null ? '–' : ratio.toFixed(2)} | ${row.unit} | ${row.target ?? ''} | ${met} | ${row.load} |`);
	}
	return `${lines.join('\n')}\n`;
}

/** @param {{ figures: any[] }} run */
function chartSpec(run) {
	const values = run.figures
		.filter((row) => ratioOf(row) !== null)
		.map((row) => ({ figure: `${row.id} ${row.figure}`, ratio: /** @type {number} */ (ratioOf(row)), met: row.met === true ? 'target met' : row.met === false ? 'target missed' : 'no target' }));
	return {
		$schema: 'https://vega.github.io/schema/vega-lite/v6.json',
		title: 'Ours ÷ hand-built (P4: with ÷ without the package; P3: large N ÷ small N)',
		width: 420,
		data: { values },
		layer: [
			{
				mark: 'bar',
				encoding: {
					y: { field: 'figure', type: 'nominal', sort: null, title: null, axis: { labelLimit: 460 } },
					x: { field: 'ratio', type: 'quantitative', title: 'ratio (1 = same)' },
					color: { field: 'met', type: 'nominal', scale: { domain: ['target met', 'target missed', 'no target'], range: ['#2e7d32', '#c62828', '#78909c'] }, title: null },
				},
			},
			{ mark: { type: 'rule', strokeDash: [4, 4] }, encoding: { x: { datum: 1 } } },
		],
	};
}

/**
 * Writes summary.md and chart.svg into `outDir`.
 * @param {string} outDir @param {{ flags: any, figures: any[], cores: number, at: string }} run
 */
async function writeReport(outDir, run) {
	fs.mkdirSync(outDir, { recursive: true });
	fs.writeFileSync(path.join(outDir, 'summary.md'), markdown(run));
	fs.writeFileSync(path.join(outDir, 'figures.json'), `${JSON.stringify(run, null, 2)}\n`);
	// Both are ES modules only.
	const vega = await import('vega');
	const vegaLite = await import('vega-lite');
	const compiled = vegaLite.compile(/** @type {any} */ (chartSpec(run))).spec;
	const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
	fs.writeFileSync(path.join(outDir, 'chart.svg'), await view.toSVG());
	view.finalize();
}

module.exports = { writeReport, markdown, chartSpec };

// `node bench/report.js results/figures.json`: redraws the summary from saved figures.
if (require.main === module) {
	const file = path.resolve(process.argv[2] ?? path.join(__dirname, 'results', 'figures.json'));
	writeReport(path.dirname(file), JSON.parse(fs.readFileSync(file, 'utf8'))).catch((error) => {
		process.stderr.write(`${error.stack ?? error}\n`);
		process.exitCode = 1;
	});
}
