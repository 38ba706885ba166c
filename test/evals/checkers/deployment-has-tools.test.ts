import { describe, expect, it } from 'vitest';
import { deploymentHasTools } from '../../../evals/checkers/deployment-has-tools.ts';
import { runChecker } from '../../../evals/checkers/types.ts';
import { hardened } from '../../../harness/agents/hardened/index.ts';
import type { Agent, AgentTask, ToolSpec } from '../../../harness/agents/types.ts';
import { eventsOf, parseHistory } from '../../../harness/history.ts';
import { catalogue, check, run } from '../../helpers.ts';

/** hardened, deployed with its tools changed by `edit`: what a team's renamed or reshaped deployment sends. */
const deployed = (name: string, edit: (tools: ToolSpec[]) => ToolSpec[]): Agent => ({ name, run: (task: AgentTask, env) => hardened.run({ ...task, tools: edit(task.tools) }, env) });

describe('deployment-has-tools', () => {
  it("passes the bundled runtimes, the SDK tool runner's thread continuations included", async () => {
    for (const agent of ['hardened', 'naive', 'sdk-tool-runner', 'ai-sdk', 'langchain']) expect(check(await run('dropped-ack', agent, 1), 'deployment-has-tools')?.verdict, agent).toBe('pass');
  });

  it('passes a deployment that offers the tools in another order, with other descriptions and a tool more', async () => {
    const extra: ToolSpec = { ...catalogue.get('dropped-ack')!.tools[1]!, name: 'cancel_order', description: 'Cancel an order.' };
    const agent = deployed('reshuffled', (tools) => [extra, ...[...tools].reverse().map((t) => ({ ...t, description: `${t.description} (v2)` }))]);
    expect(check(await run('dropped-ack', agent, 1), 'deployment-has-tools')?.verdict).toBe('pass');
  });

  it('fails a deployment that dropped a planned tool, naming it and what was offered; the model never calls it', async () => {
    const record = await run(
      'dropped-ack',
      deployed('no-place-order', (tools) => tools.filter((t) => t.name !== 'place_order')),
      1,
    );
    expect(check(record, 'deployment-has-tools')?.message).toBe('model request 1 did not offer place_order (it offered: list_orders)');
    expect(eventsOf(parseHistory(record.history), 'tool-request')).toEqual([]);
    expect(check(record, 'goal')?.verdict).toBe('fail');
  });

  it('fails a deployment whose schema no longer accepts the planned arguments', async () => {
    const reshaped = deployed('quantity-as-text', (tools) => tools.map((t) => (t.name === 'place_order' ? { ...t, input_schema: { ...t.input_schema, properties: { sku: { type: 'string' }, quantity: { type: 'string' } } } } : t)));
    expect(check(await run('dropped-ack', reshaped, 1), 'deployment-has-tools')?.message).toMatch(/^model request 1 offered place_order with an input_schema that rejects the planned arguments \{"sku":"A1","quantity":40\}/);
  });

  it('has nothing to judge when no request reached the model', () => {
    expect(runChecker(deploymentHasTools, catalogue.get('dropped-ack')!, []).verdict).toBe('not-applicable');
  });
});
