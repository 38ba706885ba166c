import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CAPTURE_FORMAT, stripCapture, type Capture, type Interaction } from '../capture/format.ts';
import { UsageError } from '../errors.ts';
import { writeAtomic } from './files.ts';

export const captureHelp = `faultline capture — record what your own tool code exchanges with your real (or staging) API, once

  faultline capture --out FILE -- <command> [args…]

  --out FILE   where the capture goes (JSON, format ${CAPTURE_FORMAT}); commit it beside your services
  <command>    anything that runs your tool code against the API with fetch or node:http: a script, your
               own tests (npx vitest run tests/tools.test.ts). Every HTTP exchange of it and of the Node
               processes it starts is recorded with nock's recorder.

Credentials are stripped before anything is written: credential headers (Authorization, Cookie, API
keys, …) are dropped; credential query parameters, JSON and form fields (client_secret, password, …)
and NAME=value arguments of the command blanked; and their values struck wherever else they appear,
compressed replies included. Serve the capture as a simulated service with fromCapture (README, "Your own services").
Exit code: 0 written, 1 the command failed or made no HTTP request (nothing written), 2 bad input.`;

/** The preload that records; its own file, so it loads in the command's processes with no TypeScript loader. */
const RECORDER = new URL('../capture/recorder.mjs', import.meta.url);

export async function captureCommand(argv: string[]): Promise<number> {
  const split = argv.indexOf('--');
  const { values } = parseArgs({ args: split < 0 ? argv : argv.slice(0, split), options: { out: { type: 'string' }, help: { type: 'boolean' } }, strict: true });
  if (values.help) return (console.log(captureHelp), 0);
  const command = split < 0 ? [] : argv.slice(split + 1);
  if (!values.out) throw new UsageError('--out: missing; say where the capture goes (--out captures/shop.json)');
  if (!command.length) throw new UsageError('no command; put the command that runs your tool code after --: faultline capture --out captures/shop.json -- node scripts/smoke.mjs');

  const dir = mkdtempSync(join(tmpdir(), 'faultline-capture-'));
  try {
    const code = await run(command, dir);
    if (code !== 0) {
      console.error(`[faultline] capture: ${command.join(' ')} exited ${code}; nothing was written (a capture of a failed run would serve its failures)`);
      return 1;
    }
    const recorded = readdirSync(dir)
      .sort()
      .flatMap((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as Interaction[]);
    if (!recorded.length) {
      console.error(`[faultline] capture: ${command.join(' ')} made no HTTP request; nothing was written. Does it call the API with fetch or node:http, in Node?`);
      return 1;
    }
    const capture: Capture = { format: CAPTURE_FORMAT, ...stripCapture(command.join(' '), recorded) };
    writeAtomic(values.out, `${JSON.stringify(capture, null, 2)}\n`);
    const origins = [...new Set(capture.interactions.map((i) => i.scope))];
    console.log(`capture: ${recorded.length} exchange(s) with ${origins.join(', ')} written to ${values.out}, credentials stripped`);
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the command with the recorder preloaded into it and every Node process it starts; resolves its exit code. */
function run(command: string[], dir: string): Promise<number> {
  const options = `${process.env.NODE_OPTIONS ?? ''} --import=${RECORDER.href}`.trim();
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), { stdio: 'inherit', env: { ...process.env, NODE_OPTIONS: options, FAULTLINE_CAPTURE_DIR: dir } });
    child.on('error', (error) => reject(new UsageError(`${command[0]}: ${error.message}`)));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}
