import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { digest, parseHistory } from '../../harness/history.ts';
import { historyFileOf, jsonReporter, storeRecords } from '../../reports/json.ts';
import { resultsSchema } from '../../reports/schema.ts';
import { run } from '../helpers.ts';
import { sampleRecords } from './helpers.ts';

describe('storeRecords and the json reporter', () => {
  it('stores each run without its history, pointing at its history file, digest unchanged', async () => {
    const records = await sampleRecords();
    const { results, histories } = storeRecords(records);
    expect(results.format).toBe('faultline.results/1');
    expect(results.runs).toHaveLength(records.length);
    results.runs.forEach((stored, i) => {
      const record = records[i]!;
      expect(stored).not.toHaveProperty('history');
      expect(stored.historyFile).toBe(`histories/${record.scenario}__${record.agent}__s1.jsonl`);
      expect(histories.get(stored)?.text).toBe(record.history);
      expect(stored.historyDigest).toBe(record.historyDigest);
      expect(stored.historyDigest).toBe(digest(histories.get(stored)!.text));
    });
    const text = jsonReporter.render({ results, history: () => undefined });
    expect(text.endsWith('}\n')).toBe(true);
    expect(resultsSchema.safeParse(JSON.parse(text)).success).toBe(true);
  });

  it('a history that needed redacting gets the digest of what is written', async () => {
    const record = await run('dropped-ack', 'hardened', 1);
    const leaky = { ...record, history: record.history.replace('"type":"run-start"', '"type":"run-start","note":"sk-ant-api03-leakedkey123"') };
    const { results, histories } = storeRecords([leaky]);
    const stored = results.runs[0]!;
    const text = histories.get(stored)!.text;
    expect(text).not.toContain('leakedkey123');
    expect(stored.historyDigest).toBe(digest(text));
    expect(parseHistory(text)[0]).toMatchObject({ type: 'run-start', note: '[redacted]' });
  });

  it('names history files for trials and for agents given as paths', () => {
    expect(historyFileOf({ scenario: 's', agent: './my agents/a.ts', seed: 3, trial: 2 })).toBe('histories/s__._my_agents_a.ts__s3_t2.jsonl');
  });

  it('the fields the README documents are the ones results.json holds', () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('## Reports'));
    for (const field of Object.keys(resultsSchema.shape.runs.element.shape)) expect(section).toContain(`\`${field}\``);
  });
});
