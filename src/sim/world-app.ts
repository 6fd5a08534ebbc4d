/**
 * The applications on the clients and the scenario's scripted faults: subscribers subscribe
 * once connected, publishers start when every subscriber present at the start is subscribed,
 * and faults break links, take clients offline or restart the broker at their times.
 */
import type { ConnackReturnCode } from '../mqtt/types';
import type { ClientRuntime, WorldContext } from './world-types';
import { breakConnection, findConn } from './world-links';
import { noteRetained } from './world-facts';
import { publisherName, subscriberName } from './scenario';

export function clientConnected(w: WorldContext, c: ClientRuntime, sessionPresent: boolean, returnCode: ConnackReturnCode): void {
  const name = c.name;
  if (returnCode !== 0) return;
  if (c.connections > 1 && w.keeps('connectionRestored')) {
    w.emit({ kind: 'connectionRestored', key: sessionPresent ? 'connection.restored.session' : 'connection.restored.clean',
      params: { client: name, sessionPresent }, client: name, sessionPresent });
  }
  c.accepted = true;
  // The application subscribes whenever it is connected, has never had an answer (SUBACK) and
  // has no SUBSCRIBE on its way: on its first accepted connection, which need not be its first
  // (a CONNECT or CONNACK lost), and whatever the session says (a broker that created the session
  // for a CONNECT whose CONNACK was lost answers the next one with session present = 1, and holds
  // no subscription). Once answered, the engine keeps it: after a reconnect without a session it
  // subscribes again by itself (its `resubscribe` option, as MQTT.js does), and a SUBSCRIBE still
  // unanswered is sent again.
  if (c.role === 'subscriber' && !c.ready && c.engine.requests.length === 0) {
    const spec = w.scenario.subscribers[c.index];
    const filters = spec.topicFilters ?? [w.scenario.topic];
    w.stepClient(c, { type: 'appSubscribed', subscriptions: filters.map((topicFilter) => ({ topicFilter, qos: spec.qos })) });
  }
}

export function clientSubscribed(w: WorldContext, c: ClientRuntime): void {
  if (c.ready) return;
  c.ready = true;
  const waiting = w.scenario.subscribers.some((s, i) => s.joinAtMs === undefined && !w.state.clients[subscriberName(i)].ready);
  if (!waiting) startPublishing(w);
}

export function startPublishing(w: WorldContext): void {
  if (w.state.publishingStarted) return;
  w.state.publishingStarted = true;
  w.scenario.publishers.forEach((_, i) => {
    w.schedule({ kind: 'publish', atMs: w.state.nowMs, client: publisherName(i), n: 1 });
  });
}

export function applyFault(w: WorldContext, index: number): void {
  const f = w.scenario.faults[index];
  switch (f.kind) {
    case 'drop':
      return;
    case 'break': {
      const c = w.client(f.client);
      w.emit({ kind: 'note', key: 'fault.break', params: { client: f.client }, actor: f.client });
      if (c?.connId) breakConnection(w, findConn(w, c.connId)!, 'reset');
      return;
    }
    case 'offline': {
      const c = w.client(f.client);
      if (!c) return;
      c.offlineUntilMs = f.atMs + f.forMs;
      w.emit({ kind: 'note', key: 'fault.offline', params: { client: f.client, forMs: f.forMs }, actor: f.client });
      if (c.connId) breakConnection(w, findConn(w, c.connId)!, 'offline');
      return;
    }
    case 'brokerRestart': {
      w.emit({ kind: 'note', key: f.persist ? 'fault.brokerRestart.persist' : 'fault.brokerRestart.lost', params: { persist: f.persist }, actor: 'broker' });
      for (const conn of w.state.conns) {
        if (!conn.open) continue;
        conn.brokerGone = true; // the old broker process is gone: nothing reaches it any more
        breakConnection(w, conn, 'brokerRestart');
      }
      w.stepBroker({ type: 'restarted', keepSessions: f.persist });
      if (w.scenario.retain) noteRetained(w);
      return;
    }
  }
}
