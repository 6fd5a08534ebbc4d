/**
 * MQTT 5.0 shared subscriptions (4.8.2): `$share/{ShareName}/{filter}`. The sessions subscribed
 * with the same ShareName and filter form a group; each matching message goes to one of them.
 *
 * Rules this file keeps:
 * - A shared filter starts with `$share/`, then a ShareName of at least one character without
 *   '/', '+' or '#', then '/' and a topic filter (MQTT-4.8.2-1, MQTT-4.8.2-2).
 * - Each message goes to one member of each matching group, at the QoS that member was granted
 *   (MQTT-4.8.2-3); the member is chosen round robin over the group in session order.
 *   Design: round robin is the simplest fair choice; the spec leaves it to the server.
 * - Groups are kept in `state.sharedCursor`, keyed `{ShareName}/{filter}`, once subscribed to.
 */
import type { QoS } from '../types';
import { topicMatches } from '../topic';
import type { BrokerContext } from './context';
import { applyRule } from './context';
import { deliverToSession } from './delivery';
import { copyFor } from './routing';
import type { BrokerMessage, BrokerSession, BrokerSubscription } from './types';

export interface SharedFilter { group: string; filter: string }

const PREFIX = '$share/';

/** The ShareName and filter of a shared subscription; undefined for a plain one. */
export function sharedFilter(topicFilter: string): SharedFilter | undefined {
  if (!topicFilter.startsWith(PREFIX)) return undefined;
  const rest = topicFilter.slice(PREFIX.length);
  const slash = rest.indexOf('/');
  return slash < 0 ? { group: rest, filter: '' } : { group: rest.slice(0, slash), filter: rest.slice(slash + 1) };
}

/** MQTT-4.8.2-1 / MQTT-4.8.2-2: why a `$share/` filter is not a valid shared subscription, if it is not. */
export function sharedFilterProblem(shared: SharedFilter): string | undefined {
  if (shared.group === '') return 'empty ShareName';
  if (/[+#]/.test(shared.group)) return 'ShareName with a wildcard';
  if (shared.filter === '') return 'no topic filter after the ShareName';
  return undefined;
}

interface Member { session: BrokerSession; sub: BrokerSubscription }

/** One member of every group whose filter matches gets a copy. True when any did. */
export function deliverShared(ctx: BrokerContext, message: BrokerMessage): boolean {
  const cursors = ctx.state.sharedCursor;
  let any = false;
  for (const key in cursors) {
    if (!topicMatches(key.slice(key.indexOf('/') + 1), message.topic)) continue;
    const members: Member[] = [];
    for (const session of ctx.state.sessions.values()) {
      const sub = session.subscriptions.find((s) => s.topicFilter === PREFIX + key);
      if (sub !== undefined) members.push({ session, sub });
    }
    if (members.length === 0) continue;
    const turn = (cursors[key] ?? 0) % members.length;
    cursors[key] = turn + 1;
    const { session, sub } = members[turn] as Member;
    const qos = Math.min(message.qos, sub.qos) as QoS;
    applyRule(ctx, { clientId: session.clientId, connId: session.connId }, 'MQTT-4.8.2-3', 'broker.shared.delivered',
      { clientId: session.clientId, topic: message.topic, topicFilter: sub.topicFilter, members: members.length, qos });
    const ids = sub.subscriptionIdentifier === undefined ? undefined : [sub.subscriptionIdentifier];
    deliverToSession(ctx, session, copyFor(message, qos, sub.retainAsPublished === true && message.retain, ids));
    any = true;
  }
  return any;
}
