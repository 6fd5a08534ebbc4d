/**
 * Read-only looks into the engines for the world: is any message still in flight, and the
 * state tables the page shows (what QoS is really about: ids awaiting an acknowledgement).
 */
import { brokerView } from '../mqtt/broker';
import { clientView } from '../mqtt/client';
import { holdsAny } from '../mqtt/session/tables';
import type { WorldState } from './world-types';

/**
 * Some session still owes a message: a client or a broker session with ids awaiting an
 * acknowledgement or messages queued. A session that can never finish (its client stopped for
 * good) does not count, so a run with a refused client still settles.
 */
export function engineBusy(s: WorldState): boolean {
  // A SUBSCRIBE or UNSUBSCRIBE still unanswered counts too: the retry-on-timeout mode re-sends it.
  for (const c of Object.values(s.clients)) if (!c.stopped && (holdsAny(clientView(c.engine)) || c.engine.requests.length > 0)) return true;
  const stopped = new Set(Object.values(s.clients).filter((c) => c.stopped).map((c) => c.name));
  return brokerView(s.broker).sessions.some((session) => !stopped.has(session.clientId) && holdsAny(session));
}
