import { defineScenario } from './define.ts';
import { tools } from './tools.ts';

const customer = 'li.wei@example.com';

// One paragraph per section of the report: together far more than the 1,024-token default, so the
// model runs out of max_tokens inside the email's body, with the recipient and subject already sent.
const sections = [
  [
    'Timeline',
    'At 09:12 UTC the primary database of the eu-west region stopped accepting writes after a storage volume filled. Alerts fired at 09:14; the on-call engineer acknowledged at 09:17 and declared an incident at 09:21. Writes were redirected to the standby at 10:05 and the backlog of queued orders was replayed by 10:48. Full service was confirmed at 11:02.',
  ],
  [
    'Cause',
    'A log-rotation job that normally runs hourly had been disabled during a configuration change the previous evening. Write-ahead logs accumulated on the data volume until it reached capacity. The volume alarm was set at 95 per cent, which left less than four minutes of headroom at the write rate of a Monday morning.',
  ],
  [
    'Impact',
    'For one hour and fifty minutes customers in the region could browse but not place or change orders. 1,284 checkout attempts failed with an error page; 312 of them were retried successfully by customers after the recovery. No order data was lost: every queued order was replayed in its original sequence and confirmed by email.',
  ],
  [
    'What we are changing',
    'The log-rotation job is now monitored as a service in its own right, and a disabled job pages the on-call engineer within ten minutes. The volume alarm now fires at 80 per cent and again at 90 per cent. Configuration changes to scheduled jobs now need a second reviewer, and the runbook for a full data volume has been rewritten and rehearsed.',
  ],
  [
    'Your account',
    'Your account had 14 failed checkout attempts during the window. A credit equal to one month of your subscription has been applied automatically and will appear on your next invoice. If any order you expected is missing, reply to this email with its reference and we will look into it the same day.',
  ],
  [
    'Contact',
    'Your account manager will call you this week to walk through the report. If you would like the full technical post-mortem, including the graphs of disk usage and write latency, we will send it on request. We are sorry for the disruption and for the time it cost your team.',
  ],
];
const body = sections
  .map(([title, text]) => `${title}\n\n${text}`)
  .join('\n\n')
  .repeat(3);

export default defineScenario({
  id: 'truncated-tool-call',
  title: 'The model runs out of max_tokens halfway through the body of the email it is sending',
  source: { seed: '003', case: 'failure mode 3 (token budget exhaustion), reached inside a tool call: the real API returns the partial tool_use' },
  task: `Email ${customer} the full incident report for outage INC-2291: timeline, cause, impact and what we are changing.`,
  system: 'You are a support assistant. Use send_email to write to customers: put the whole report in the body of one email, then reply with its message id.',
  tools: [tools.send_email],
  services: { helpdesk: { tickets: [] } },
  model: {
    persona: 'diligent',
    plan: [{ call: [{ name: 'send_email', input: { to: customer, subject: 'Incident report INC-2291', body } }] }],
    answer: 'Sent the incident report to {{send_email.to}} (message {{send_email.message_id}}).',
  },
  // The common default the seed names: enough to start the email, not to finish it.
  limits: { maxTokens: 1024 },
  // Only the whole report is the email the task asked for; a cut call's input has no body at all.
  intent: { effects: [{ service: 'helpdesk', kind: 'email', match: { to: customer, bytes: body.length }, count: 1 }] },
  goal: { effects: true, orStop: ['truncated'] },
  checks: ['truncation-not-final', 'complete-reply-only', 'exactly-once'],
  primaryCheck: 'truncation-not-final',
});
