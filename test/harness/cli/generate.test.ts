import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCommand } from '../../../harness/cli/generate.ts';
import { cli, inProcess } from './helpers.ts';

const TEAM = 'test/fixtures/team';
const args = (out: string) => ['--tools', `${TEAM}/tools.ts`, '--services', `${TEAM}/services/shop.ts,${TEAM}/services/mail.ts`, '--out', out];
const freshOut = () => join(mkdtempSync(join(tmpdir(), 'faultline-generate-cli-')), 'generated');
const contents = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [name, readFileSync(join(dir, name), 'utf8')]),
  );

describe('faultline generate', () => {
  it('writes the matrix and lists it; a tool no service serves is exit 2 naming the tool, and writes nothing', async () => {
    const [out, elsewhere] = [freshOut(), freshOut()];
    const [written, unserved] = await Promise.all([cli('generate', ...args(out)), cli('generate', '--tools', `${TEAM}/tools.ts`, '--out', elsewhere)]);
    expect(written.stderr).toBe('');
    expect(written.code).toBe(0);
    expect(written.stdout).toMatch(/^faultline generate: 12 scenario\(s\) for 3 tool\(s\) of test\/fixtures\/team\/tools\.ts \(seed 1\)/);
    expect(written.stdout).toMatch(/refund-order-lost-reply\.ts\s+refund_order × lost reply after commit/);
    expect(readdirSync(out)).toHaveLength(12);
    expect(unserved.code).toBe(2);
    expect(unserved.stderr).toContain(`${TEAM}/tools.ts: refund_order: no service serves POST https://api.myshop.example/refunds; give the file of the service that does with --services`);
    expect(() => readdirSync(elsewhere)).toThrow(/ENOENT/);
  });

  it('refuses to overwrite files unless --force, and the same command writes the same bytes', async () => {
    const out = freshOut();
    expect((await inProcess(generateCommand, args(out))).code).toBe(0);
    const first = contents(out);
    writeFileSync(join(out, 'refund-order-lost-reply.ts'), '// edited by the team\n');
    await expect(inProcess(generateCommand, args(out))).rejects.toThrow(/--out .*: 12 of the 12 file\(s\) exist already .*nothing was written\. Give --force to overwrite them/);
    expect(readFileSync(join(out, 'refund-order-lost-reply.ts'), 'utf8')).toBe('// edited by the team\n');
    expect((await inProcess(generateCommand, [...args(out), '--force'])).code).toBe(0);
    expect(contents(out)).toEqual(first);
  });

  it('refuses bad flags with exit-2 errors that say what to give', async () => {
    await expect(inProcess(generateCommand, ['--out', freshOut()])).rejects.toThrow(/--tools is missing/);
    await expect(inProcess(generateCommand, ['--tools', `${TEAM}/tools.ts`])).rejects.toThrow(/--out is missing/);
    await expect(inProcess(generateCommand, [...args(freshOut()), '--seed', 'x'])).rejects.toThrow(/--seed: expected a whole number/);
    await expect(inProcess(generateCommand, ['--tools', `${TEAM}/nothing.ts`, '--out', freshOut()])).rejects.toThrow(/--tools: .*nothing\.ts: no such file/);
  });
});
