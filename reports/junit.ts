import type { StoredRun } from '../harness/runner/record.ts';
import { matrixOf, totalsOf } from './matrix.ts';
import type { Reporter } from './types.ts';
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

function testcase(run: StoredRun): string {
  const name = `${run.agent} seed ${run.seed}${run.trial > 1 ? ` trial ${run.trial}` : ''}`;
  const open = `    <testcase classname="${xmlAttr(`faultline.${run.scenario}`)}" name="${xmlAttr(name)}" time="${seconds(run.metrics.wallMs)}">`;
  if (run.verdict === 'pass') return `${open.slice(0, -1)}/>`;
  const bad = run.checks.filter(isProblem);
  const first = bad.find((c) => c.verdict === 'fail') ?? bad[0];
  const tag = run.verdict === 'fail' ? 'failure' : 'error';
  const message = first ? `${first.id}: ${first.message}` : `run ${run.verdict}`;
  const body = [...bad.map((c) => `${c.id} ${c.verdict}: ${c.message}`), `replay: ${run.replay}`].join('\n');
  return [open, `      <${tag} type="${xmlAttr(first?.id ?? run.verdict)}" message="${xmlAttr(message)}">${xmlText(body)}</${tag}>`, `      <system-out>${xmlText(`replay: ${run.replay}`)}</system-out>`, '    </testcase>'].join('\n');
}

/** junit.xml: one testsuite per scenario, one testcase per scenario × agent × seed (× trial). */
export const junitReporter: Reporter = {
  name: 'junit',
  file: 'junit.xml',
  description: 'one testcase per scenario × agent × seed; failures carry the check, its message and the replay command',
  render({ results }) {
    const t = totalsOf(results.runs);
    const wallMs = (runs: readonly StoredRun[]) => runs.reduce((n, r) => n + r.metrics.wallMs, 0);
    const m = matrixOf(results.runs);
    const suites = m.scenarios.map((scenario) => {
      const runs = results.runs.filter((r) => r.scenario === scenario);
      const s = totalsOf(runs);
      return [
        `  <testsuite name="${xmlAttr(scenario)}" tests="${s.runs}" failures="${s.fail}" errors="${s.error}" skipped="0" time="${seconds(wallMs(runs))}">`,
        ...runs.map(testcase),
        '  </testsuite>',
      ].join('\n');
    });
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuites name="faultline" tests="${t.runs}" failures="${t.fail}" errors="${t.error}" time="${seconds(wallMs(results.runs))}">`,
      ...suites,
      '</testsuites>',
      '',
    ].join('\n');
  },
};
