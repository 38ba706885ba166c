import type { Rule } from '../types.ts';

/**
 * Every tool with an effect (anything but `read`) declares `idempotent: true`: its service
 * deduplicates on the `Idempotency-Key` header, so a retry after a lost or late reply repeats
 * nothing (seed 002 case 1: 47 orders for one). Deleting by id included: without deduplication the
 * retry of a delete that went through answers "not found", and a success is reported as a failure.
 */
export const notIdempotent: Rule = {
  id: 'not-idempotent',
  description: "side-effectful tools (effect other than 'read') declare idempotent: true",
  check({ input, toolAt }) {
    return input.tools
      .filter((tool) => tool.effect !== 'read' && tool.idempotent !== true)
      .map((tool) => ({
        ...toolAt(tool.name),
        rule: 'not-idempotent' as const,
        tool: tool.name,
        message: `${tool.name} has effect '${tool.effect}' but does not declare idempotent: true, so a retry after a lost reply may repeat the effect or misreport it`,
        fix: `have the service deduplicate on the Idempotency-Key header and declare idempotent: true on ${tool.name}`,
      }));
  },
};
