import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inventorySuite } from '../../../evals/regression/inventory/suite.ts';
import { speakerSuite } from '../../../evals/regression/speakers/suite.ts';

const dir = mkdtempSync(join(tmpdir(), 'faultline-fixture-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fixture = (name: string, content: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
};
const errorOf = (load: () => unknown): string => {
  try {
    load();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the fixture to be refused');
};

const episode = { episode: 'EP-301', title: 'A known episode', host: 'Mara Quist', guest: 'Dev Anand', shape: 'v1' };
const computation = { id: 'ok', inventory: { legacyCoercion: true }, question: { stores: 10, days: 23, daily_units: 10 }, asStrings: [], case_packs: 2300 };

describe('regression fixtures', () => {
  it('the committed fixtures validate', () => {
    expect(speakerSuite.rows().length).toBe(30);
    expect(inventorySuite.rows().length).toBeGreaterThan(0);
  });

  it('a bad speaker row is refused with the file, the row, its id and the field, every problem at once', () => {
    const file = fixture('episodes.json', [
      episode,
      { ...episode, episode: 'EP-302', shape: 'v4' },
      { ...episode, episode: 'EP-303', guest: 'Mara Quist' },
      { episode: 'EP-304', title: 'No speakers', shape: 'v2', hots: 'Jo Ames' },
      { ...episode },
    ]);
    const message = errorOf(() => speakerSuite.rows(file));
    expect(message).toMatch(/^\[faultline\] .*episodes\.json does not validate \(6 problem\(s\)\):/);
    const lines = message
      .split('\n')
      .slice(1)
      .map((l) => l.trim());
    expect(lines).toEqual([
      `${file}: row 2 (EP-302): shape: Invalid option: expected one of "v1"|"v2"|"v3" (got "v4")`,
      `${file}: row 3 (EP-303): guest: must differ from host (got "Mara Quist")`,
      `${file}: row 4 (EP-304): host: Invalid input: expected string, received undefined`,
      `${file}: row 4 (EP-304): guest: Invalid input: expected string, received undefined`,
      `${file}: row 4 (EP-304): (row): Unrecognized key: "hots"`,
      `${file}: row 5 (EP-301): episode: "EP-301" is already row 1`,
    ]);
  });

  it('a bad inventory row names the field, a known result that is not the product included', () => {
    const file = fixture('computations.json', [
      { ...computation, question: { ...computation.question, daily_units: '10' } },
      { ...computation, id: 'typo', case_packs: 230 },
      { ...computation, id: 'text', asStrings: ['units'] },
    ]);
    const lines = errorOf(() => inventorySuite.rows(file))
      .split('\n')
      .slice(1)
      .map((l) => l.trim());
    expect(lines).toEqual([
      `${file}: row 1 (ok): question.daily_units: Invalid input: expected number, received string (got "10")`,
      `${file}: row 2 (typo): case_packs: is not stores × days × daily_units of the question (got 230)`,
      `${file}: row 3 (text): asStrings.0: Invalid option: expected one of "stores"|"days"|"daily_units" (got "units")`,
    ]);
  });

  it('a fixture that is not a JSON array of rows is refused, naming the file', () => {
    expect(errorOf(() => speakerSuite.rows(fixture('broken.json', '[{"episode": "EP-301",]')))).toMatch(/broken\.json: cannot read the fixture: .*JSON/);
    expect(errorOf(() => speakerSuite.rows(fixture('object.json', { rows: [episode] })))).toMatch(/object\.json: expected a non-empty JSON array of rows, got object$/);
    expect(errorOf(() => speakerSuite.rows(fixture('empty.json', [])))).toMatch(/empty\.json: expected a non-empty JSON array of rows, got an empty array$/);
  });
});
