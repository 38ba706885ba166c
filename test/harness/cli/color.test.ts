import { execFile } from 'node:child_process';
import { WriteStream } from 'node:tty';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { colorEnabled, painter } from '../../../harness/cli/color.ts';
import { summary } from '../../../harness/cli/summary.ts';
import { fakeRun } from '../../reports/helpers.ts';
import { outDir } from './helpers.ts';

const SGR = /\x1b\[\d+m/;
// A terminal that answers as Node's own tty.WriteStream would, for the env it is given.
const terminal = { isTTY: true, hasColors: WriteStream.prototype.hasColors };
const pipe = {};

describe('colorEnabled', () => {
  it.each([
    ['a colour terminal', terminal, { TERM: 'xterm-256color' }, true],
    ['a dumb terminal', terminal, { TERM: 'dumb' }, false],
    ['NO_COLOR=1 on a colour terminal', terminal, { TERM: 'xterm-256color', NO_COLOR: '1' }, false],
    // no-color.org: an empty NO_COLOR does not count (Node's own check reads it as set).
    ['an empty NO_COLOR', terminal, { TERM: 'xterm-256color', NO_COLOR: '' }, true],
    ['NO_COLOR and FORCE_COLOR both', terminal, { TERM: 'xterm-256color', NO_COLOR: '1', FORCE_COLOR: '1' }, false],
    ['FORCE_COLOR=0 on a colour terminal', terminal, { TERM: 'xterm-256color', FORCE_COLOR: '0' }, false],
    ['a pipe', pipe, { TERM: 'xterm-256color' }, false],
    ['a pipe with FORCE_COLOR=1', pipe, { FORCE_COLOR: '1' }, true],
    ['a pipe with an empty FORCE_COLOR', pipe, { FORCE_COLOR: '' }, true],
    ['a stream that says it is a TTY but has no colours', { isTTY: true }, { TERM: 'xterm-256color' }, false],
  ])('%s: %s', (_what, stream, env, expected) => expect(colorEnabled(stream, env)).toBe(expected));

  it('painter(false) returns the text as it is', () => {
    expect(painter(false)('red', 'x')).toBe('x');
    expect(painter(true)('red', 'x')).toBe('\x1b[31mx\x1b[39m');
  });
});

describe('summary colours', () => {
  const runs = [fakeRun({ verdict: 'fail' }), fakeRun({ agent: 'hardened' }), fakeRun({ agent: 'hardened', seed: 2 })];

  it('paints pass cells green, failing cells and the failure header red, with the columns where they were', () => {
    const plain = summary(runs, 'out');
    const colored = summary(runs, 'out', [], { color: true });
    expect(plain).not.toMatch(SGR);
    expect(colored).toContain('\x1b[31m0/1 pass\x1b[39m');
    expect(colored).toContain('\x1b[32m2/2 pass\x1b[39m');
    expect(colored).toContain('\x1b[31m\x1b[1m1 run(s) did not pass:\x1b[22m\x1b[39m');
    expect(colored.replace(/\x1b\[\d+m/g, '')).toBe(plain);
  });
});

describe('faultline run output and the environment', () => {
  const exec = promisify(execFile);
  const run = (env: Record<string, string | undefined>) =>
    exec('node', ['bin/faultline.mjs', 'run', '--scenario', 'dropped-ack', '--agent', 'naive,hardened', '--out', outDir()], { env: { ...process.env, CI: 'true', NO_COLOR: undefined, FORCE_COLOR: undefined, ...env } }).catch(
      (error: { stdout: string; stderr: string }) => error,
    );

  it('is plain in a pipe, coloured with FORCE_COLOR, and plain again with NO_COLOR too', async () => {
    const [piped, forced, both] = await Promise.all([run({}), run({ FORCE_COLOR: '1' }), run({ FORCE_COLOR: '1', NO_COLOR: '1' })]);
    expect(piped.stdout).toContain('0/1 pass');
    expect(piped.stdout + piped.stderr).not.toMatch(SGR);
    expect(forced.stdout).toContain('\x1b[31m0/1 pass\x1b[39m');
    expect(both.stdout).toContain('0/1 pass');
    expect(both.stdout + both.stderr).not.toMatch(SGR);
  });
});
