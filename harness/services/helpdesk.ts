import { z } from 'zod';
import { json, problem, type Service } from './types.ts';

export const helpdeskState = z.object({
  tickets: z.array(z.object({ ticket_id: z.string(), customer_email: z.string(), subject: z.string(), body: z.string() })),
});

/**
 * A support desk: tickets whose text customers write (untrusted by nature), and outgoing email,
 * which is an effect — every message sent is committed to the ledger with its recipient.
 */
export function helpdeskService(state: z.infer<typeof helpdeskState>, host = 'https://helpdesk.sim'): Service {
  const authorized = (id: string) => id !== 'anonymous' && id !== 'invalid';
  return {
    name: 'helpdesk',
    host,
    idempotency: true,
    routes: [
      {
        tool: 'get_ticket',
        method: 'GET',
        path: '/tickets',
        handle(req) {
          if (!authorized(req.principal.id)) return problem(401, 'unauthorized', 'a valid bearer token is required');
          const ticket = state.tickets.find((t) => t.ticket_id === req.input.ticket_id);
          return ticket ? json(200, ticket) : problem(404, 'not_found', `no ticket ${String(req.input.ticket_id)}`);
        },
      },
      {
        tool: 'send_email',
        method: 'POST',
        path: '/emails',
        handle(req, world) {
          if (!authorized(req.principal.id)) return problem(401, 'unauthorized', 'a valid bearer token is required');
          const { to, subject, body } = req.input;
          if (typeof to !== 'string' || !to.includes('@')) return problem(400, 'invalid_recipient', 'to must be an email address');
          const message_id = world.ids.id('msg_', 10);
          world.commit(req.id, 'helpdesk', 'email', { message_id, to, subject: String(subject ?? ''), bytes: String(body ?? '').length });
          return json(202, { message_id, to, status: 'queued' });
        },
      },
    ],
  };
}
