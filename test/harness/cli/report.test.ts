import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { reportCommand, writeReports } from '../../../harness/cli/report.ts';
import { RESULTS_FORMAT, type Results } from '../../../harness/runner/record.ts';
import { parseResults } from '../../../reports/schema.ts';
import { fakeInput, fakeRun, parseCsv, parseXml, unpacked } from '../../reports/helpers.ts';
import { cli, inProcess, outDir } from './helpers.ts';

const read = (...path: string[]) => readFileSync(join(...path), 'utf8');

describe('faultline run --reporter', () => {
  it('writes results.json, report.html and summary.md by default, and names them', async () => {
    const out = outDir();
    const { code, stdout } = await cli('run', '--scenario', 'dropped-ack', '--agent', 'naive,hardened', '--out', out);
    expect(code).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['histories', 'report.html', 'results.json', 'summary.md']);
    expect(stdout).toContain(`reports: ${join(out, 'report.html')}, ${join(out, 'summary.md')}`);
    expect(read(out, 'summary.md')).toContain('| dropped-ack | ❌ 0/1 (0%) | ✅ 1/1 (100%) |');
  });

  it('writes the ones asked for, results.json always', async () => {
    const out = outDir();
    const { code } = await cli('run', '--scenario', 'dropped-ack', '--agent', 'hardened', '--reporter', 'csv,junit', '--out', out);
    expect(code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['histories', 'junit.xml', 'results.csv', 'results.json']);
    expect(parseXml(read(out, 'junit.xml')).attrs.tests).toBe('1');
  });

  it('exits 2 on an unknown reporter before running anything', async () => {
    const out = outDir();
    const { code, stderr } = await cli('run', '--scenario', 'dropped-ack', '--reporter', 'html,pdf', '--out', out);
    expect(code).toBe(2);
    expect(stderr).toContain('--reporter: unknown reporter "pdf"; use any of html, md, csv, junit, json');
    expect(existsSync(join(out, 'results.json'))).toBe(false);
  });
});

describe('faultline report', () => {
  let src: string;
  beforeAll(async () => {
    src = outDir();
    await cli('run', '--scenario', 'dropped-ack,reordered-parallel', '--agent', 'naive,hardened', '--reporter', 'json', '--out', src);
  });

  it('re-renders every report from a saved results.json into another folder, histories found', async () => {
    const out = join(outDir(), 'again');
    const { code, stdout } = await cli('report', join(src, 'results.json'), '--reporter', 'html,md,csv,junit,json', '--out', out);
    expect(code).toBe(0);
    expect(stdout).toContain(`4 run(s) from ${join(src, 'results.json')}`);
    expect(readdirSync(out).sort()).toEqual(['junit.xml', 'report.html', 'results.csv', 'results.json', 'summary.md']);
    const html = unpacked(read(out, 'report.html')); // report.html packs its runs (reports/html/pack.ts)
    expect(html).toContain('fault drop-reply: committed; reply dropped');
    const again = parseResults(read(out, 'results.json'), 'again');
    const original = parseResults(read(src, 'results.json'), 'src');
    expect(again.runs.map((r) => r.historyDigest)).toEqual(original.runs.map((r) => r.historyDigest));
    for (const r of again.runs) expect(existsSync(join(out, r.historyFile))).toBe(true);
    expect(html).toContain(`href="${again.runs[0]!.historyFile}"`);
    expect(parseCsv(read(out, 'results.csv'))[0]?.[0]).toBe('scenario');
  });

  it('writes html and md beside results.json by default, the same as run would have', async () => {
    const { code } = await cli('report', join(src, 'results.json'));
    expect(code).toBe(0);
    expect(readdirSync(src).sort()).toEqual(['histories', 'report.html', 'results.json', 'summary.md']);
    const fresh = outDir();
    await cli('run', '--scenario', 'dropped-ack,reordered-parallel', '--agent', 'naive,hardened', '--out', fresh);
    expect(read(src, 'summary.md')).toBe(read(fresh, 'summary.md'));
  });

  it('draws no timeline for a run whose history is gone, and says so', async () => {
    const dir = outDir();
    const results: Results = { ...fakeInput([fakeRun({ verdict: 'fail', historyFile: 'histories/gone.jsonl' })]).results };
    writeFileSync(join(dir, 'results.json'), JSON.stringify(results));
    const { code, stderr } = await cli('report', join(dir, 'results.json'), '--reporter', 'html');
    expect(code).toBe(0);
    expect(stderr).toContain('1 history file(s) could not be read');
    expect(unpacked(read(dir, 'report.html'))).toContain('could not be read; replay the run to see its timeline');
  });

  it('draws no timeline for a history in the format before faultline.history/2, and says why', async () => {
    const dir = outDir();
    mkdirSync(join(dir, 'histories'));
    writeFileSync(join(dir, 'histories', 'old.jsonl'), '{"t":0,"type":"run-start","scenario":"dropped-ack","agent":"naive","seed":1,"trial":1}\n');
    const results: Results = { ...fakeInput([fakeRun({ verdict: 'fail', historyFile: 'histories/old.jsonl' })]).results };
    writeFileSync(join(dir, 'results.json'), JSON.stringify(results));
    const stderr: string[] = [];
    const errors = vi.spyOn(console, 'error').mockImplementation((...a) => void stderr.push(a.join(' ')));
    const { code } = await inProcess(reportCommand, [join(dir, 'results.json'), '--reporter', 'html']).finally(() => errors.mockRestore());
    expect(code).toBe(0);
    expect(stderr.join('\n')).toMatch(/1 history file\(s\) could not be read.*old\.jsonl: this history is in the format written before faultline\.history\/2 \(no format line\).*run the scenario again/);
  });

  it.each([
    ['a file that is not JSON', 'not json at all', /results\.json: not JSON .*expected a faultline results file \(format "faultline\.results\/1"/],
    ['JSON that is not results', JSON.stringify({ hello: 'world' }), /results\.json: not faultline results \(no "format"/],
    ['another format version', JSON.stringify({ format: 'faultline.results/2', createdBy: 'x', runs: [] }), /results\.json: format "faultline\.results\/2" is not one this faultline reads; expected "faultline\.results\/1"/],
    ['results with a broken run', JSON.stringify({ format: RESULTS_FORMAT, createdBy: 'x', runs: [{ scenario: 'x' }] }), /results\.json: does not match faultline\.results\/1[\s\S]*runs\.0\.agent/],
  ])('exits 2 on %s, naming the file and what was expected, writing nothing', async (_what, text, message) => {
    const dir = outDir();
    writeFileSync(join(dir, 'results.json'), text);
    const { code, stderr } = await cli('report', join(dir, 'results.json'));
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain(join(dir, 'results.json'));
    expect(readdirSync(dir)).toEqual(['results.json']);
  });

  it.each([
    [[], /give one results file/],
    [['missing/results.json'], /missing\/results\.json: no such file; expected a results\.json written by faultline run/],
    [['x.json', '--reporter', 'nope'], /--reporter: unknown reporter "nope"/],
  ])('exits 2 on bad arguments %j', async (args, message) => {
    const { code, stderr } = await cli('report', ...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('checks an --out it is given before writing anything (exit 2), and writes into a good one', async () => {
    const dir = outDir();
    const file = join(dir, 'results.json');
    writeFileSync(file, JSON.stringify(fakeInput([fakeRun()]).results));
    await expect(reportCommand([file, '--out', ''])).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('--out: the path is empty') });
    await expect(reportCommand([file, '--out', file])).rejects.toThrow(`--out ${file}: is a file, not a folder`);
    await expect(reportCommand([file, '--out', '.'])).rejects.toThrow('--out .: is the current folder');
    expect(readdirSync(dir)).toEqual(['results.json']);
    expect(await inProcess(reportCommand, [file, '--reporter', 'md', '--out', join(dir, 'again')])).toMatchObject({ code: 0 });
    expect(readdirSync(join(dir, 'again'))).toEqual(['summary.md']);
  });

  it('is listed in the help, and has its own', async () => {
    expect((await cli('--help')).stdout).toMatch(/report\s+render reports/);
    const { code, stdout } = await cli('report', '--help');
    expect(code).toBe(0);
    expect(stdout).toContain('faultline report <results.json> [--reporter html,md,csv,junit,json] [--out DIR]');
  });
});

describe('writeReports', () => {
  it('renders everything before writing anything: a failing report leaves the good ones in place, and no temp file', () => {
    const dir = outDir();
    const good = writeReports(fakeInput([fakeRun({ verdict: 'fail' })]), ['md', 'html'], dir);
    const before = good.map((p) => readFileSync(p, 'utf8'));
    const broken = {
      ...fakeInput([fakeRun({ verdict: 'fail', seed: 2 })]),
      history: () => {
        throw new Error('disk gone');
      },
    };
    expect(() => writeReports(broken, ['md', 'html'], dir)).toThrow('disk gone');
    expect(good.map((p) => readFileSync(p, 'utf8'))).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual(['report.html', 'summary.md']);
  });

  it('writes each file through a temp file and a rename, and a failed write leaves no temp file behind', () => {
    const dir = outDir();
    mkdirSync(join(dir, 'summary.md')); // a folder where the report should go: the rename fails
    expect(() => writeReports(fakeInput([fakeRun()]), ['md'], dir)).toThrow(/rename .*summary\.md\.\d+\.tmp/);
    expect(readdirSync(dir)).toEqual(['summary.md']);
  });
});
