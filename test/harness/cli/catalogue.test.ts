import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TABLE_END, TABLE_START } from '../../../reports/catalogue-table.ts';
import { cli, outDir } from './helpers.ts';

describe('faultline catalogue', () => {
  it('rewrites only what is between the markers, from real runs', async () => {
    const file = join(outDir(), 'README.md');
    writeFileSync(file, `# Mine\n\n${TABLE_START}\nstale\n${TABLE_END}\n\nafter\n`);
    const { code, stdout } = await cli('catalogue', '--seeds', '1', '--write', file);
    expect(code).toBe(0);
    expect(stdout).toMatch(/faultline catalogue: \d+ runs; the table in .+ is up to date/);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith(`# Mine\n\n${TABLE_START}\n| scenario | what goes wrong |`)).toBe(true);
    expect(text).toMatch(/\| `dropped-ack` \| .+ \| 0\/1 \| 1\/1 \| 0\/1 \| 0\/1 \| 0\/1 \| 0\/1 \|\n/);
    expect(text.endsWith(`${TABLE_END}\n\nafter\n`)).toBe(true);
  });

  it('exits 2 before running anything when the file or its markers are missing', async () => {
    const dir = outDir();
    expect(await cli('catalogue', '--write', join(dir, 'nope.md'))).toMatchObject({ code: 2, stderr: expect.stringContaining('cannot read it (ENOENT)') });
    writeFileSync(join(dir, 'plain.md'), '# no markers\n');
    expect(await cli('catalogue', '--write', join(dir, 'plain.md'))).toMatchObject({ code: 2, stderr: expect.stringMatching(/markers .* must both be present.*add them where the table should go/) });
  });
});
