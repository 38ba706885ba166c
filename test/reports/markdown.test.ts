import { describe, expect, it } from 'vitest';
import { MARKDOWN_MAX_CHARS, markdownReporter, mdCode, mdText } from '../../reports/markdown.ts';
import { fakeInput, fakeRun, inputOf, sampleRecords } from './helpers.ts';

describe('summary.md', () => {
  it('is the matrix with pass rates, then each failed run with its check, message and replay', async () => {
    const md = markdownReporter.render(inputOf(await sampleRecords()));
    const lines = md.split('\n');
    expect(lines[0]).toBe('## faultline: 4 run(s): 2 pass, 2 fail, 0 error');
    expect(lines).toContain('| scenario | naive | hardened |');
    expect(lines).toContain('| dropped-ack | ❌ 0/1 (0%) | ✅ 1/1 (100%) |');
    expect(lines).toContain('| reordered-parallel | ❌ 0/1 (0%) | ✅ 1/1 (100%) |');
    expect(lines).toContain('### Did not pass (2)');
    const failures = lines.filter((l) => l.startsWith('- ❌'));
    expect(failures).toHaveLength(2);
    expect(failures[0]).toMatch(/^- ❌ \*\*dropped-ack \/ naive \/ seed 1\*\* — `exactly-once` fail: orders\/order .*committed 2 times, intended 1<br>replay: `npx faultline run --scenario dropped-ack --agent naive --seed 1`$/);
    expect(failures[1]).toContain('`results-correlated` fail');
  });

  it('says so when every check held', () => {
    const md = markdownReporter.render(fakeInput([fakeRun(), fakeRun({ seed: 2 })]));
    expect(md).toContain('| dropped-ack | ✅ 2/2 (100%) |');
    expect(md).toContain('Every check held.');
    expect(md).not.toContain('Did not pass');
  });

  it('stays under the PR-comment budget with thousands of failures, and says how many it left out', () => {
    const runs = Array.from({ length: 5_000 }, (_, i) => fakeRun({ seed: i + 1, verdict: i % 7 ? 'fail' : 'error', scenario: `scenario-${i % 40}`, agent: `agent-${i % 3}` }));
    const md = markdownReporter.render(fakeInput(runs));
    expect(md.length).toBeLessThanOrEqual(MARKDOWN_MAX_CHARS);
    const shown = md.split('\n').filter((l) => l.startsWith('- ')).length;
    expect(shown).toBeGreaterThan(50);
    expect(md).toContain(`… and ${5_000 - shown} more run(s) that did not pass: see report.html or results.json.`);
    expect(md).toContain('| scenario-39 |');
  });

  it('keeps a message from breaking the table or the list', () => {
    expect(mdText('a | b *c* _d_ <script>\nnext')).toBe('a \\| b \\*c\\* \\_d\\_ \\<script\\> next');
    expect(mdCode('echo `x`')).toBe('`` echo `x` ``');
    const md = markdownReporter.render(fakeInput([fakeRun({ scenario: 'a|b', verdict: 'fail', checks: [{ id: 'c', verdict: 'fail', message: `x\n| y |\n${'z'.repeat(1000)}` }] })]));
    const failure = md.split('\n').find((l) => l.startsWith('- ❌'));
    expect(failure).toContain('**a\\|b / naive / seed 1**');
    expect(failure).toContain('x \\| y \\| zzz');
    expect(failure!.length).toBeLessThan(500);
  });
});
