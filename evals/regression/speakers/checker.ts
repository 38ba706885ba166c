import { z } from 'zod';
import { eventsOf, type HistoryEvent } from '../../../harness/history.ts';
import { responseContract } from '../../checkers/response-contract.ts';
import { fail, pass, runChecker, type Checker } from '../../checkers/types.ts';
import type { EpisodeRow } from './scenario.ts';
import { shapes } from './shapes.ts';

type Role = 'host' | 'guest';
/** One role the reply gives somebody, and the role they really have (null: not a speaker of the episode). */
type Attribution = { role: Role; name: string; as: Role | null };

/**
 * The episode's speakers as known (seed 002 case 5's regression set). The reply must name the known
 * host as host and the known guest as guest, and give no one a role that is not theirs. A reply that
 * names no one passes only where the run shows why: the archive's reply broke the deployment's
 * declared contract and reached the model as an error, never as data (drift detected, not misread).
 * The row's shape must be what the archive served, or the row tested nothing: `unknown`.
 */
export function speakerAttribution(row: EpisodeRow): Checker {
  const served = z.fromJSONSchema(shapes[row.shape].schema as never);
  return {
    id: 'speaker-attribution',
    description: `${row.episode}: host ${row.host}, guest ${row.guest}, whatever shape (${row.shape}) the archive answers in`,
    check(scenario, events) {
      const bodies = lookups(events, row.episode);
      const other = bodies.find((b) => !served.safeParse(b).success);
      if (other) throw new Error(`the archive answered ${row.episode} in another shape than ${row.shape} (${JSON.stringify(other).slice(0, 160)}); the row tests nothing`);
      const reply = eventsOf(events, 'agent-reply').at(-1);
      if (!reply) return fail('the agent gave no reply');
      const evidence = { reply: reply.text, known: { host: row.host, guest: row.guest }, shape: row.shape, served: bodies };

      const said = attributions(reply.text, row);
      const wrong = said.filter((a) => a.as !== a.role);
      if (wrong.length) {
        const swapped = wrong.every((a) => a.as) ? 'swapped: ' : '';
        return fail(`${swapped}${wrong.map((a) => `names ${a.name} as ${a.role}${a.as ? ` (the ${a.as})` : ''}`).join('; ')}; known: host ${row.host}, guest ${row.guest}`, evidence);
      }
      const missing = (['host', 'guest'] as const).filter((role) => !said.some((a) => a.role === role));
      if (!missing.length) return pass(`host ${row.host} and guest ${row.guest}, as known (shape ${row.shape})`, evidence);
      if (missing.length === 1) return fail(`names the ${missing[0] === 'host' ? 'guest' : 'host'} but not the ${missing[0]}`, evidence);

      const contract = runChecker(responseContract, scenario, events);
      if (contract.verdict === 'pass') return pass(`no attribution, and rightly: ${contract.message} (shape ${row.shape})`, evidence);
      return fail(`names neither speaker, and no drift excuses it: ${contract.message.replace(/^nothing to judge: /, '')}`, evidence);
    },
  };
}

/** The successful replies to lookups of this episode, as the client received them. */
function lookups(events: readonly HistoryEvent[], episode: string): unknown[] {
  const ids = new Set(
    eventsOf(events, 'tool-request')
      .filter((r) => r.route === 'lookup_episode' && JSON.stringify(r.body).includes(`"${episode}"`))
      .map((r) => r.id),
  );
  return eventsOf(events, 'tool-complete')
    .filter((c) => ids.has(c.id) && c.outcome === 'ok')
    .map((c) => c.body);
}

// What follows a role word when it gives the role to someone: a name, or a placeholder where a name failed to come.
const NAMED = /^(?:\p{Lu}|[([]|undefined\b|null\b)/u;

/**
 * Every "host …" / "guest …" of the reply that gives the role to someone, with whom: a known speaker
 * (and their real role), or anyone else. "could not tell the host from the guest" gives no role.
 */
function attributions(text: string, row: EpisodeRow): Attribution[] {
  const known: Array<[string, Role]> = [
    [row.host, 'host'],
    [row.guest, 'guest'],
  ];
  return [...text.matchAll(/\b(host|guest)\b:?\s*/gi)].flatMap((m): Attribution[] => {
    const rest = text.slice((m.index ?? 0) + m[0].length);
    const role = (m[1] as string).toLowerCase() as Role;
    const match = known.find(([name]) => rest.startsWith(name) && !/[\p{L}\p{N}]/u.test(rest[name.length] ?? ''));
    if (match) return [{ role, name: match[0], as: match[1] }];
    return NAMED.test(rest) ? [{ role, name: /^[^,;\n]{1,40}?(?=[,;\n]|\.(?:\s|$)|$)/.exec(rest)?.[0] ?? rest.slice(0, 40), as: null }] : [];
  });
}
