import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../harness/clock.ts';
import { messagesEndpoint } from '../../harness/model/api.ts';
import { portablePaths } from '../../harness/portable-paths.ts';
import { Rng } from '../../harness/rng.ts';
import { REQUESTER, World } from '../../harness/world.ts';

const here = process.cwd();

describe('portablePaths', () => {
  it("writes the project's folder as <project>/ where a path starts: stack frames, file URLs, quoted and bracketed paths", () => {
    expect(portablePaths(`at f (${here}/node_modules/x/index.js:1:2) | at g (file://${here}/a.ts:3:4)`)).toBe('at f (<project>/node_modules/x/index.js:1:2) | at g (file://<project>/a.ts:3:4)');
    expect(portablePaths(`${here}/a.js "${here}/b.js" [${here}/c.js] path=${here}/d.js`)).toBe('<project>/a.js "<project>/b.js" [<project>/c.js] path=<project>/d.js');
  });

  it('finds it after the escapes of the JSON a request body is, terminal colours and separators', () => {
    const json = JSON.stringify({ content: `Error: boom\n${here}/agent.ts:3\n\t${here}/b.ts | \u001b[90m${here}/c.ts;${here}/d.ts>${here}/e.ts` });
    expect(portablePaths(json)).not.toContain(here);
    expect(portablePaths(`\u001b[90m${here}/c.ts`)).toBe('\u001b[90m<project>/c.ts');
  });

  it('leaves the same letters alone inside a URL or a longer path, and other folders', () => {
    for (const text of [`https://docs.example.com${here}/guide`, `/var${here}/x`, `${here}-other/a.js`, '/elsewhere/b.js']) expect(portablePaths(text)).toBe(text);
  });
});

describe('the Messages API endpoint', () => {
  it("records and matches the body with <project>/, and hands the body as sent to a live run's forwarder", async () => {
    const world = new World(new Rng(1), new VirtualClock(), REQUESTER);
    const seen: Array<{ text: string; sent: string }> = [];
    const endpoint = messagesEndpoint({ world, faults: [] }, ({ text, sent }) => (seen.push({ text, sent }), new Response('{}')));
    const body = JSON.stringify({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: `failed at (${here}/agent.ts:1:1)` }] });
    await endpoint(new Request('https://api.anthropic.com/v1/messages', { method: 'POST', headers: { 'x-api-key': world.apiKey, 'anthropic-version': '2023-06-01' }, body }));
    expect(seen).toEqual([{ text: body.replace(`${here}/`, '<project>/'), sent: body }]);
    expect(JSON.stringify(world.history.events)).not.toContain(here);
  });
});
