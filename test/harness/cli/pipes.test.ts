import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const pipes = fileURLToPath(new URL('../../../harness/cli/pipes.ts', import.meta.url));

/** A process that prints 2 MB, read by a reader that hangs up after the first chunk (as `| head` does). */
function printToClosedPipe(guarded: boolean): Promise<{ code: number | null; stderr: string }> {
  const script = `${guarded ? `(await import(${JSON.stringify(pipes)})).ignoreClosedPipes();` : ''}
for (let i = 0; i < 2000; i++) process.stdout.write('x'.repeat(1000) + '\\n');
await new Promise((resolve) => setTimeout(resolve, 300));
process.exitCode = 3;`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.once('data', () => child.stdout.destroy());
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('a reader that hangs up early', () => {
  it('costs the command nothing: no stack trace, and its own exit code', async () => {
    expect(await printToClosedPipe(true)).toEqual({ code: 3, stderr: '' });
  });

  it('is what crashes an unguarded process (the test would prove nothing otherwise)', async () => {
    const { code, stderr } = await printToClosedPipe(false);
    expect(code).toBe(1);
    expect(stderr).toContain('EPIPE');
  });
});
