// Apart from index.ts (loadCatalogue), so that a worker, which trusts the catalogue its supervisor
// validated, loads neither validate.ts nor Ajv with it.
import { scenarioSchema, type Scenario } from './schema.ts';
import confusedDeputy from './confused-deputy.ts';
import droppedAck from './dropped-ack.ts';
import errorAfterCommit from './error-after-commit.ts';
import hallucinatedTool from './hallucinated-tool.ts';
import hallucinatedSuccess from './hallucinated-success.ts';
import maxTokens from './max-tokens.ts';
import paginationLoop from './pagination-loop.ts';
import permanentError from './permanent-error.ts';
import reorderedParallel from './reordered-parallel.ts';
import runawayLoop from './runaway-loop.ts';
import schemaDrift from './schema-drift.ts';
import slowTool from './slow-tool.ts';
import stringCoercion from './string-coercion.ts';
import swallowedError from './swallowed-error.ts';
import transientErrors from './transient-errors.ts';
import persistentOutage from './persistent-outage.ts';
import tokenBudget from './token-budget.ts';
import modelApiFaults from './model-api-faults.ts';
import orphanedToolUse from './orphaned-tool-use.ts';
import destructiveAction from './destructive-action.ts';
import injectedInstructions from './injected-instructions.ts';
import truncatedToolCall from './truncated-tool-call.ts';
import overloadedMidStream from './overloaded-mid-stream.ts';
import stopSequenceCut from './stop-sequence-cut.ts';
import reusedToolId from './reused-tool-id.ts';
import mcpDroppedAck from './mcp-dropped-ack.ts';
import mcpHungCall from './mcp-hung-call.ts';
import mcpSchemaDrift from './mcp-schema-drift.ts';
import mcpSessionExpired from './mcp-session-expired.ts';

/** The built-in catalogue: file name → scenario data. */
export const builtIn: Record<string, unknown> = {
  'scenarios/dropped-ack.ts': droppedAck,
  'scenarios/error-after-commit.ts': errorAfterCommit,
  'scenarios/hallucinated-tool.ts': hallucinatedTool,
  'scenarios/runaway-loop.ts': runawayLoop,
  'scenarios/pagination-loop.ts': paginationLoop,
  'scenarios/hallucinated-success.ts': hallucinatedSuccess,
  'scenarios/max-tokens.ts': maxTokens,
  'scenarios/permanent-error.ts': permanentError,
  'scenarios/slow-tool.ts': slowTool,
  'scenarios/reordered-parallel.ts': reorderedParallel,
  'scenarios/string-coercion.ts': stringCoercion,
  'scenarios/swallowed-error.ts': swallowedError,
  'scenarios/transient-errors.ts': transientErrors,
  'scenarios/persistent-outage.ts': persistentOutage,
  'scenarios/token-budget.ts': tokenBudget,
  'scenarios/model-api-faults.ts': modelApiFaults,
  'scenarios/schema-drift.ts': schemaDrift,
  'scenarios/confused-deputy.ts': confusedDeputy,
  'scenarios/orphaned-tool-use.ts': orphanedToolUse,
  'scenarios/destructive-action.ts': destructiveAction,
  'scenarios/injected-instructions.ts': injectedInstructions,
  'scenarios/truncated-tool-call.ts': truncatedToolCall,
  'scenarios/overloaded-mid-stream.ts': overloadedMidStream,
  'scenarios/stop-sequence-cut.ts': stopSequenceCut,
  'scenarios/reused-tool-id.ts': reusedToolId,
  'scenarios/mcp-dropped-ack.ts': mcpDroppedAck,
  'scenarios/mcp-schema-drift.ts': mcpSchemaDrift,
  'scenarios/mcp-hung-call.ts': mcpHungCall,
  'scenarios/mcp-session-expired.ts': mcpSessionExpired,
};

// Each built-in's data and file by its id (the first file of an id two share: loadCatalogue refuses that).
const byId = new Map<string, { file: string; input: unknown }>();
for (const [file, input] of Object.entries(builtIn)) {
  const id = (input as { id?: unknown } | undefined)?.id;
  if (typeof id === 'string' && !byId.has(id)) byId.set(id, { file, input });
}
const parsed = new Map<string, Scenario>();

/**
 * A built-in scenario as a worker needs it, by id: parsed (its defaults filled in) on first use and
 * kept, not judged again. The process that started the worker loaded the catalogue with
 * `loadCatalogue()`, which refuses one with any problem; judging it again (Ajv compiling its
 * meta-schemas) cost every worker start about 150 ms, and parsing all of it another 30 ms, for
 * scenarios a worker may never run.
 */
export function builtInScenario(id: string): Scenario | undefined {
  let scenario = parsed.get(id);
  if (scenario) return scenario;
  const input = byId.get(id)?.input;
  if (input === undefined) return undefined;
  parsed.set(id, (scenario = scenarioSchema.parse(input)));
  return scenario;
}

/** Every built-in scenario, parsed as `builtInScenario` parses it, by id. */
export function parsedCatalogue(): Map<string, Scenario> {
  return new Map([...byId.keys()].map((id) => [id, builtInScenario(id) as Scenario]));
}

/** The file a built-in scenario is declared in, by id (for messages about a user scenario that reuses the id). */
export function builtInFile(id: string): string | undefined {
  return byId.get(id)?.file;
}
