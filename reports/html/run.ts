import { eventsOf, type HistoryEvent } from '../../harness/history.ts';
import type { StoredRun } from '../../harness/runner/record.ts';
import { isProblem } from '../../evals/checkers/types.ts';
import { clip, firstProblem, formatMs, matrixOf, runName, unstruckMark } from '../matrix.ts';
import { esc } from './escape.ts';
import { timelineOf, timelineSvg } from './timeline.ts';

/**
 * Which runs carry a timeline and ledger (their history, drawn): the runs that did not pass, up to
 * this many, taken in turn from each scenario × agent so every cell shows some; and the first
 * passing run of each cell, to compare with. Every run, drawn or not, lists its checks and replay.
 */
export const DETAILED_FAILED_MAX = 200;
const DETAILED_PASSED_PER_CELL = 1;
const EVIDENCE_MAX_CHARS = 2_000;

/** The runs whose history the report draws (see DETAILED_FAILED_MAX). */
export function detailedRuns(runs: readonly StoredRun[]): Set<StoredRun> {
  const m = matrixOf(runs);
  const cells = m.scenarios.flatMap((s) => m.agents.map((a) => m.cell(s, a))).filter((c) => c !== undefined);
  const chosen = new Set<StoredRun>();
  const queues = cells.map((c) => c.runs.filter((r) => r.verdict !== 'pass'));
  for (let round = 0; chosen.size < DETAILED_FAILED_MAX && queues.some((q) => q.length > round); round++) {
    for (const q of queues) {
      const run = q[round];
      if (run && chosen.size < DETAILED_FAILED_MAX) chosen.add(run);
    }
  }
  for (const c of cells) for (const run of c.runs.filter((r) => r.verdict === 'pass').slice(0, DETAILED_PASSED_PER_CELL)) chosen.add(run);
  return chosen;
}

/** What the page's filters read of a run, lowercase: `scenario:… agent:… check:… seed:…` and free words (`key`). */
export type RunFilter = { verdict: string; key: string; scenario: string; agent: string; seed: string; check: string };

/**
 * A run's row in the list: `<details>` with its verdict, name, mark and first problem, and an empty
 * body (the page fills it from `runBody` when it is opened); the page sets its filter fields as its
 * `data-*` (kept apart, they are read for every run, and the markup only for the runs listed).
 */
export function runItem(run: StoredRun, index: number): { filter: RunFilter; html: string } {
  const problem = firstProblem(run);
  const mark = unstruckMark(run);
  const problems = run.checks.filter(isProblem).map((c) => c.id);
  const filter: RunFilter = {
    verdict: run.verdict,
    key: [run.scenario, run.agent, `seed-${run.seed}`, ...problems, ...(mark ? ['unstruck'] : [])].join(' ').toLowerCase(),
    scenario: run.scenario.toLowerCase(),
    agent: run.agent.toLowerCase(),
    seed: String(run.seed),
    check: problems.join(' ').toLowerCase(),
  };
  const unstruck = mark ? `<span class="unstruck" title="none of the scenario's declared faults struck in this run: its primary check had nothing to judge">${esc(mark)}</span>` : '';
  const why = problem ? `<span class="why">${esc(clip(`${problem.id}: ${problem.message}`, 160))}</span>` : '';
  const summary = `<summary><span class="badge ${run.verdict}">${run.verdict}</span> <span class="name">${esc(runName(run))}</span>${unstruck}${why}</summary>`;
  return { filter, html: `<details class="run ${run.verdict}" id="run-${index + 1}">${summary}<div class="run-body"></div></details>` };
}

/**
 * What an opened run shows: its replay command, metrics, history file and checks; a drawn run
 * (`chosen`, its `events` read) adds the evidence, the sequence diagram, the ledger and the reply.
 */
export function runBody(run: StoredRun, chosen: boolean, events: readonly HistoryEvent[] | undefined): string {
  const m = run.metrics;
  const struck = run.faultsStruck ? ` · faults struck ${run.faultsStruck.struck} of ${run.faultsStruck.declared}` : '';
  const metrics = `${m.modelTurns} model turn(s) · ${m.toolCalls} tool call(s) · ${m.effects} effect(s) · ${formatMs(m.virtualMs)} virtual · ${formatMs(m.wallMs)} wall · ${m.inputTokens} in / ${m.outputTokens} out tokens${struck}`;
  const history = `history <a href="${esc(run.historyFile)}">${esc(run.historyFile)}</a> <span class="mono" title="sha256 of the history file">${esc(run.historyDigest.slice(0, 12))}</span>`;
  let drawn: string;
  if (chosen && events) drawn = diagrams(events);
  else if (chosen) drawn = `<p class="note">The history file ${esc(run.historyFile)} could not be read; replay the run to see its timeline.</p>`;
  else drawn = `<p class="note">Timeline not drawn: this report draws the runs that did not pass (up to ${DETAILED_FAILED_MAX}) and one passing run per scenario × agent. Replay the run, or read its history file.</p>`;
  return (
    `<p class="replay"><span class="k">replay</span><code>${esc(run.replay)}</code><button type="button" class="copy" data-copy="${esc(run.replay)}">copy</button></p>` +
    `<p class="metrics">${metrics}<br>${history}</p><h4>Checks</h4>${checksList(run, chosen)}${drawn}`
  );
}

function checksList(run: StoredRun, withEvidence: boolean): string {
  const items = run.checks.map((c) => {
    const evidence = withEvidence && c.evidence !== undefined ? `<details><summary>evidence</summary><pre>${esc(clip(JSON.stringify(c.evidence, null, 1) ?? '', EVIDENCE_MAX_CHARS))}</pre></details>` : '';
    return `<li class="check ${c.verdict}"><span class="badge ${c.verdict}">${c.verdict}</span><span class="id">${esc(c.id)}</span>${esc(c.message)}${evidence}</li>`;
  });
  return `<ul class="checks">${items.join('') || '<li>no check recorded</li>'}</ul>`;
}

function ledger(events: readonly HistoryEvent[]): string {
  const commits = eventsOf(events, 'commit');
  if (!commits.length) return '<p class="note">No effect was committed.</p>';
  const outcome = new Map(eventsOf(events, 'tool-complete').map((c) => [c.id, c]));
  const rows = commits.map((c) => {
    const seen = outcome.get(c.id);
    const saw = seen ? `${seen.outcome}${seen.status === null ? ' (no reply)' : ` ${seen.status}`}` : '–';
    return `<tr><td>${esc(formatMs(c.t))}</td><td class="mono">${esc(c.id)}</td><td>${esc(`${c.service} / ${c.kind}`)}</td><td class="mono">${esc(clip(JSON.stringify(c.effect), 240))}</td><td class="${seen?.outcome ?? ''}">${esc(saw)}</td></tr>`;
  });
  return `<table class="ledger"><thead><tr><th>virtual time</th><th>request</th><th>service / effect</th><th>committed</th><th>the client saw</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function diagrams(events: readonly HistoryEvent[]): string {
  const reply = eventsOf(events, 'agent-reply')[0];
  const error = eventsOf(events, 'agent-error')[0] ?? eventsOf(events, 'run-stopped').map((e) => ({ kind: `stopped (${e.reason})`, message: e.message }))[0];
  const faults = eventsOf(events, 'fault').length;
  return [
    `<h4>Timeline</h4><p class="note">${faults} fault(s) struck. Hover a row for its detail.</p>`,
    `<div class="scroll">${timelineSvg(timelineOf(events))}</div>`,
    '<h4>Ledger of effects</h4>',
    ledger(events),
    '<h4>Final reply</h4>',
    reply ? `<p class="reply">${esc(clip(reply.text, 2_000))}</p>` : `<p class="note">No reply${error ? `: agent ${esc(error.kind)}: ${esc(clip(error.message, 300))}` : ''}.</p>`,
  ].join('');
}
