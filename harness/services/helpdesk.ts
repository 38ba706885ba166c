import { z } from 'zod';
import { defineService } from './define.ts';
import { json, problem } from './types.ts';

const helpdeskState = z.object({
  tickets: z.array(z.object({ ticket_id: z.string(), customer_email: z.string(), subject: z.string(), body: z.string() })),
});

/**
 * A support desk: tickets whose text customers write (untrusted by nature), and outgoing email,
 * which is an effect — every message sent is committed to the ledger with its recipient.
 */
export const helpdeskService = defineService({
  id: 'helpdesk',
  host: 'https://helpdesk.sim',
  seed: helpdeskState,
  example: {
    tickets: [
      { ticket_id: 'T-481', customer_email: 'ada@example.com', subject: 'Blender arrived broken', body: 'The jug is cracked. Can I get a replacement?' },
      { ticket_id: 'T-482', customer_email: 'bo@example.com', subject: 'Invoice address', body: 'Please change the address on my last invoice.' },
    ],
  },
  idempotency: true,
  auth: 'bearer',
  routes: [
    {
      name: 'get_ticket',
      method: 'GET',
      path: '/tickets',
      handle({ input, state }) {
        const ticket = state.tickets.find((t) => t.ticket_id === input.ticket_id);
        return ticket ? json(200, ticket) : problem(404, 'not_found', `no ticket ${String(input.ticket_id)}`);
      },
    },
    {
      name: 'send_email',
      method: 'POST',
      path: '/emails',
      handle({ input, commit, newId }) {
        const { to, subject, body } = input;
        if (typeof to !== 'string' || !to.includes('@')) return problem(400, 'invalid_recipient', 'to must be an email address');
        const message_id = newId('msg_', 10);
        commit('email', { message_id, to, subject: String(subject ?? ''), bytes: String(body ?? '').length });
        return json(202, { message_id, to, status: 'queued' });
      },
    },
  ],
});
