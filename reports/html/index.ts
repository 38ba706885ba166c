import type { StoredRun } from '../../harness/runner/record.ts';
import { agentLabels, matrixOf, passRate, problemsFirst, totalsOf, unstruckMark, untestedCell } from '../matrix.ts';
import type { Reporter, ReportInput } from '../types.ts';
import { CSS, JS, LIST_PAGE_ROWS } from './assets.ts';
import { distributions } from './charts.ts';
import { esc } from './escape.ts';
import { packed, packedBodies } from './pack.ts';
import { detailedRuns, runBody, runItem } from './run.ts';

function matrixTable(runs: readonly StoredRun[]): string {
  const m = matrixOf(runs);
  const labels = agentLabels(runs);
  const head = `<thead><tr><th>scenario</th>${m.agents.map((a) => `<th>${esc(labels.get(a) ?? a)}</th>`).join('')}</tr></thead>`;
  const body = m.scenarios
    .map((s) => {
      const cells = m.agents.map((a) => {
        const cell = m.cell(s, a);
        if (!cell) return '<td class="empty">–</td>';
        if (untestedCell(cell)) return `<td class="empty" title="${esc(`${s} × ${a}: none of the scenario's faults struck in ${cell.runs.length} run(s): nothing was tested`)}">n/a<small>no fault struck</small></td>`;
        const judged = cell.runs.length - cell.untested;
        const rate = cell.pass / judged;
        const style = `background: hsl(${Math.round(rate * 120)} 70% ${cell.pass === judged ? 88 : 90}%)`;
        const extra = [cell.fail ? `${cell.fail} fail` : '', cell.error ? `${cell.error} error` : '', cell.untested ? `${cell.untested} n/a` : ''].filter(Boolean).join(', ');
        return `<td style="${style}" data-filter="scenario:${esc(s.toLowerCase())} agent:${esc(a.toLowerCase())}" title="${esc(`${s} × ${a}: ${passRate(cell)} pass; click to list these runs`)}"><a href="#runs">${cell.pass}/${judged} pass<small>${Math.round(rate * 100)}%${extra ? ` · ${extra}` : ''}</small></a></td>`;
      });
      return `<tr><th>${esc(s)}</th>${cells.join('')}</tr>`;
    })
    .join('');
  const foot = `<tfoot><tr><td>all scenarios</td>${m.agents
    .map((a) => {
      const mine = runs.filter((r) => r.agent === a);
      // Passes that tested nothing (no fault struck) are no passes here either.
      const { pass, untested } = totalsOf(mine);
      return `<td>${passRate({ pass, runs: mine, untested })}</td>`;
    })
    .join('')}</tr></tfoot>`;
  return `<table class="matrix">${head}<tbody>${body}</tbody>${foot}</table>`;
}

/**
 * report.html: one self-contained page (inline CSS, SVG and script; nothing is fetched) for a
 * reviewer. The matrix of pass rates, the distributions of tool calls and model turns, then every
 * run, problems first, each with its checks and replay command; drawn runs (see
 * DETAILED_FAILED_MAX) add the sequence diagram, the ledger and the reply. The matrix and charts are
 * plain markup; the list of runs and each run's body are packed (pack.ts) and unpacked by the page,
 * the list at once and a body when its run is opened: past the drawn runs, a run adds about 110
 * bytes to the page instead of 3 KB.
 */
export const htmlReporter: Reporter = {
  name: 'html',
  file: 'report.html',
  description: 'one self-contained page: the matrix, metric distributions, and per run its checks, replay, timeline and ledger',
  render(input: ReportInput) {
    const runs = input.results.runs;
    const t = totalsOf(runs);
    const chosen = detailedRuns(runs);
    const ordered = problemsFirst(runs);
    const items = ordered.map((run, i) => runItem(run, i));
    const bodies = ordered.map((run) => runBody(run, chosen.has(run), chosen.has(run) ? input.history(run) : undefined));
    const unstruck = runs.filter((r) => unstruckMark(r) !== undefined).length;
    const scenarios = new Set(runs.map((r) => r.scenario)).size;
    const agents = new Set(runs.map((r) => r.agent)).size;
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>faultline report: ${t.fail + t.error} of ${t.runs} run(s) did not pass</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>faultline report</h1>
<p class="totals">${t.runs} run(s) of ${scenarios} scenario(s) × ${agents} agent(s): <b class="pass">${t.pass} pass</b> · <b class="fail">${t.fail} fail</b> · <b class="error">${t.error} error</b>${unstruck ? ` · <b class="unstruck">${unstruck} run(s) in which no declared fault struck</b> (search <i>unstruck</i>${t.untested ? `; ${t.untested} of them passed and tested nothing: not counted as passes` : ''})` : ''} <span class="note">(${esc(input.results.format)}, written by ${esc(input.results.createdBy)})</span></p>
</header>
<main>
<section id="matrix">
<h2>Scenarios × agents: runs that passed</h2>
<p class="note">A run passes when every check held. Click a cell to list its runs.</p>
${matrixTable(runs)}
</section>
<section id="distributions">
<h2>Distributions</h2>
<p class="note legend"><span style="color: var(--pass)">■ passed</span><span style="color: var(--fail)">■ did not pass</span> Runs per value; hover a bar for its counts.</p>
${distributions(runs, [
  { key: 'toolCalls', label: 'Tool calls' },
  { key: 'modelTurns', label: 'Model turns' },
])}
</section>
<section id="runs">
<h2>Runs</h2>
<div class="filters">
<label><input type="checkbox" id="failed-only"> only runs that did not pass (${t.fail + t.error})</label>
<input type="search" id="run-filter" placeholder="filter: words, or scenario:… agent:… check:… seed:…" aria-label="filter runs">
<span id="shown">${runs.length} of ${runs.length} run(s) shown</span>
</div>
<p class="note">Runs that did not pass come first. Open one for its checks, replay command${chosen.size ? ', and for drawn runs the sequence diagram of its history in virtual time, with each fault where it struck, and the ledger of effects' : ''}.</p>
<div id="run-list"><p class="note" id="unpacking">Unpacking ${runs.length} run(s)… This page needs a browser that has DecompressionStream (Chrome or Edge 80, Firefox 113, Safari 16.4 or later) and JavaScript on; every run is also in results.json.</p></div>
<p id="more" class="note" hidden><span class="count"></span> <button type="button" class="next">list ${LIST_PAGE_ROWS} more</button> <button type="button" class="all">list them all</button></p>
</section>
</main>
${packed('runs-packed', JSON.stringify(items))}
<script>${JS}</script>
${packedBodies(bodies)}
</body>
</html>
`;
  },
};
