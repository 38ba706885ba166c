import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { checkOutDir } from '../../../harness/cli/files.ts';
import { outDir } from './helpers.ts';

// A read-only folder cannot be made when tests run as root (root writes anywhere): its EACCES is simulated, once.
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return { ...real, writeFileSync: vi.fn(real.writeFileSync) };
});

const refused = (dir: string, flag = '--out') => {
  try {
    checkOutDir(flag, dir);
  } catch (error) {
    expect(error).toMatchObject({ exitCode: 2 });
    return (error as Error).message;
  }
  throw new Error(`${JSON.stringify(dir)} was accepted`);
};

describe('checkOutDir', () => {
  it('accepts a fresh folder, creating it and its parents, and leaves no probe behind', () => {
    const dir = join(outDir(), 'a', 'b', 'faultline-out');
    expect(() => checkOutDir('--out', dir)).not.toThrow();
    expect(readdirSync(dir)).toEqual([]);
    const used = outDir();
    writeFileSync(join(used, 'results.json'), '{}');
    checkOutDir('--out', used);
    expect(readdirSync(used)).toEqual(['results.json']);
  });

  it('refuses an empty path, which would write into the current folder', () => {
    expect(refused('')).toBe('[faultline] --out: the path is empty, which would write into the current folder; give a folder of its own, e.g. --out faultline-out');
    expect(refused('  ', '--reports-out')).toMatch(/^\[faultline\] --reports-out: the path is empty/);
  });

  it('refuses a file, naming it', () => {
    const file = join(outDir(), 'results.json');
    writeFileSync(file, '{}');
    expect(refused(file)).toBe(`[faultline] --out ${file}: is a file, not a folder; give a folder of its own, e.g. --out faultline-out (it is created if missing)`);
  });

  it('refuses the current folder, a parent of it, and a folder holding .git or package.json', () => {
    expect(refused('.')).toMatch(/^\[faultline\] --out \.: is the current folder, so faultline's output would be mixed with its files; give a folder of its own, e.g\. --out faultline-out$/);
    expect(refused('..')).toMatch(/^\[faultline\] --out \.\.: is a parent of the current folder \(/);
    expect(refused('/')).toMatch(/is a parent of the current folder/);
    for (const marker of ['package.json', '.git']) {
      const project = outDir();
      if (marker === '.git') mkdirSync(join(project, marker));
      else writeFileSync(join(project, marker), '{}');
      expect(refused(project)).toContain(`--out ${project}: holds ${marker}, so it looks like a project's root`);
    }
  });

  it('refuses a folder that cannot be created, with the errno code and the path, without hanging under /proc', () => {
    const file = join(outDir(), 'plain-file');
    writeFileSync(file, '');
    expect(refused(join(file, 'out'))).toBe(`[faultline] --out ${join(file, 'out')}: cannot write there (ENOTDIR on ${join(file, 'out')}); give a folder you can write to, e.g. --out faultline-out`);
    // Node's recursive mkdir retries forever on procfs's ENOENT; this returns at once.
    expect(refused('/proc/faultline-out/x')).toMatch(/cannot write there \((ENOENT|EACCES|EPERM|EROFS) on \/proc\/faultline-out/);
    expect(existsSync('/proc/faultline-out')).toBe(false);
  });

  it('refuses a folder it cannot write a file in (read-only), with EACCES and the path', () => {
    const dir = outDir();
    vi.mocked(fs.writeFileSync).mockImplementationOnce((path) => {
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES', path: String(path) });
    });
    expect(refused(dir)).toMatch(new RegExp(`^\\[faultline\\] --out ${dir}: cannot write there \\(EACCES on ${dir}/\\.faultline-probe-\\d+\\); give a folder you can write to`));
    expect(() => checkOutDir('--out', dir)).not.toThrow();
  });
});
