import { z } from 'zod';
import { defineToolFault, rewritingBody, toolTarget, when } from './types.ts';

/**
 * A tool that says far more than the question needs (seed 003 mode 3): every successful reply
 * gains `field`, a raw activity log of about `extraChars` characters. Nothing in it is wrong; it
 * just rides along in the conversation from then on, so each turn's input outgrows the last.
 */
export const verboseReply = defineToolFault({
  name: 'verbose-reply',
  description: 'successful replies carry a large raw log the task does not need (seed 003 mode 3)',
  params: z.object({ fault: z.literal('verbose-reply'), tool: toolTarget, when, extraChars: z.number().int().positive(), field: z.string().min(1).default('activity_log') }).strict(),
  create(params, rng) {
    return rewritingBody(this.name, params, rng, (body, ctx) => {
      const log: string[] = [];
      let chars = 0;
      for (let i = 0; chars < params.extraChars; i++) {
        const line = `${String(i).padStart(5, '0')} ${rng.pick(['view', 'login', 'export', 'sync', 'update'])} session=${rng.id('s_', 12)} ok`;
        log.push(line);
        chars += line.length + 3;
      }
      ctx.strike(`reply padded with ${log.length} log lines (~${chars} characters) in ${params.field}`);
      return { ...body, [params.field]: log };
    });
  },
});
