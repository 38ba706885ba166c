import type { StoredRun } from '../harness/runner/record.ts';
import { agentLabel, matrixOf, testedNothing, unstruckMark } from './matrix.ts';
import type { GateDecision, Reporter } from './types.ts';
import { isProblem } from '../evals/checkers/types.ts';

// Characters XML 1.0 cannot hold at all (control characters, lone surrogates, U+FFFE/U+FFFF).
const invalidXml = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text content: `&`, `<`, `>` escaped, characters XML cannot hold dropped. */
export function xmlText(text: string): string {
  return text.replace(invalidXml, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value (in double quotes): also quotes, and line breaks and tabs kept as character references. */
export function xmlAttr(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function testcase(run: StoredRun, gate?: GateDecision): string {
  const name = `${agentLabel(run)} seed ${run.seed}${run.trial > 1 ? ` trial ${run.trial}` : ''}`;
  const open = `    <testcase classname="${xmlAttr(`faultline.${run.scenario}`)}" name="${xmlAttr(name)}" time="${seconds(run.metrics.wallMs)}">`;
  // A run in which none of the scenario's faults struck says so, passed or not: its primary check judged nothing.
  const mark = unstruckMark(run);
  const properties = mark ? [`      <properties><property name="faultline.faultsStruck" value="${xmlAttr(mark)}"/></properties>`] : [];
  // A pass in which nothing struck tested nothing: skipped, with why, never shown as a passed test.
  if (run.verdict === 'pass') return mark ? [open, ...properties, `      <skipped message="${xmlAttr(`${mark}: nothing was tested`)}"/>`, '    </testcase>'].join('\n') : `${open.slice(0, -1)}/>`;
  // A gate's known failure is not this change's doing: skipped, with why, so only regressions fail the job.
  const known = gate?.known(run);
  if (known !== undefined) return [open, ...properties, `      <skipped message="${xmlAttr(`known failure: ${known}`)}"/>`, `      <system-out>${xmlText(`replay: ${run.replay}`)}</system-out>`, '    </testcase>'].join('\n');
  const bad = run.checks.filter(isProblem);
  const first = bad.find((c) => c.verdict === 'fail') ?? bad[0];
  const tag = run.verdict === 'fail' ? 'failure' : 'error';
  const message = first ? `${first.id}: ${first.message}` : `run ${run.verdict}`;
  const body = [...bad.map((c) => `${c.id} ${c.verdict}: ${c.message}`), `replay: ${run.replay}`].join('\n');
  return [
    open,
    ...properties,
    `      <${tag} type="${xmlAttr(first?.id ?? run.verdict)}" message="${xmlAttr(message)}">${xmlText(body)}</${tag}>`,
    `      <system-out>${xmlText(`replay: ${run.replay}`)}</system-out>`,
    '    </testcase>',
  ].join('\n');
}

/** A testcase the gate failed on that is no run: a fall of pass^k, a lint finding, a run that never came back. */
function failingCase(suite: string, name: string, type: string, message: string): string {
  return [`    <testcase classname="${xmlAttr(`faultline.${suite}`)}" name="${xmlAttr(name)}" time="0.000">`, `      <failure type="${xmlAttr(type)}" message="${xmlAttr(message)}">${xmlText(message)}</failure>`, '    </testcase>'].join(
    '\n',
  );
}

/** junit.xml: one testsuite per scenario, one testcase per scenario × agent × seed (× trial). */
export const junitReporter: Reporter = {
  name: 'junit',
  file: 'junit.xml',
  description: 'one testcase per scenario × agent × seed; failures carry the check, its message and the replay command',
  render({ results, gate }) {
    const wallMs = (runs: readonly StoredRun[]) => runs.reduce((n, r) => n + r.metrics.wallMs, 0);
    const m = matrixOf(results.runs);
    const counts = (runs: readonly StoredRun[], extra: number) => {
      const skipped = runs.filter((r) => testedNothing(r) || (r.verdict !== 'pass' && gate?.known(r) !== undefined)).length;
      const failing = runs.filter((r) => r.verdict !== 'pass' && gate?.known(r) === undefined);
      return { tests: runs.length + extra, failures: failing.filter((r) => r.verdict === 'fail').length + extra, errors: failing.filter((r) => r.verdict === 'error').length, skipped };
    };
    // A fall of pass^k is the gate failing on no one run: its own testcase.
    const passKFalls = (scenario: string) => (gate?.regressions ?? []).filter((r) => r.scenario === scenario && !r.replay);
    const suites = m.scenarios.map((scenario) => {
      const runs = results.runs.filter((r) => r.scenario === scenario);
      const falls = passKFalls(scenario);
      const c = counts(runs, falls.length);
      return [
        `  <testsuite name="${xmlAttr(scenario)}" tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}" time="${seconds(wallMs(runs))}">`,
        ...runs.map((run) => testcase(run, gate)),
        ...falls.map((r) => failingCase(scenario, r.what, 'pass^k', r.message)),
        '  </testsuite>',
      ].join('\n');
    });
    // What failed the gate besides runs: each lint finding and each run that never came back.
    const verdicts = [...(gate?.lint ?? []).map((f) => ['lint', f] as const), ...(gate?.missing ?? []).map((r) => ['missing run', r] as const)];
    if (verdicts.length)
      suites.push(
        [
          `  <testsuite name="gate" tests="${verdicts.length}" failures="${verdicts.length}" errors="0" skipped="0" time="0.000">`,
          ...verdicts.map(([type, text]) => failingCase('gate', `${type}: ${text}`, type, text)),
          '  </testsuite>',
        ].join('\n'),
      );
    const t = counts(results.runs, m.scenarios.reduce((n, s) => n + passKFalls(s).length, 0) + verdicts.length);
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuites name="faultline" tests="${t.tests}" failures="${t.failures}" errors="${t.errors}" skipped="${t.skipped}" time="${seconds(wallMs(results.runs))}">`,
      ...suites,
      '</testsuites>',
      '',
    ].join('\n');
  },
};
