/**
 * Turning the engines' outputs into happenings: packets onto links, deliveries to the
 * applications, closes into broken connections, decisions into the trace.
 */
import type { BrokerOutput } from '../mqtt/broker';
import type { ClientOutput } from '../mqtt/client';
import { payloadText } from '../mqtt/codec';
import { assertNever } from '../mqtt/errors';
import type { DiscardReason } from '../mqtt/broker/types';
import type { DiscardReason as ClientDiscardReason } from '../mqtt/client/types';
import type { AppMessage } from '../mqtt/types';
import type { ConnectionLossCause, LossFact } from './trace';
import type { ClientRuntime, WorldContext } from './world-types';
import { closeFromEngine, findConn, scheduleReconnect, sendPacket } from './world-links';
import { clientConnected, clientSubscribed } from './world-app';
import { countInto, recordLosses, recordSubscriptionEnded } from './world-facts';
import { publisherName } from './scenario';

const BROKER_DISCARD: Record<DiscardReason, LossFact['reason']> = {
  cleanSession: 'cleanSession', restart: 'brokerRestart', queueFull: 'queueFull', qos0Offline: 'qos0',
  messageExpired: 'messageExpired', sessionExpired: 'sessionExpired', tooLarge: 'tooLarge',
};

/** What a publisher giving up its own copy means for every subscriber. */
const CLIENT_DISCARD: Record<ClientDiscardReason, LossFact['reason']> = {
  cleanSession: 'cleanSession', qos0Offline: 'qos0', sessionExpired: 'sessionExpired', sessionNotPresent: 'sessionNotPresent',
  refusedByServer: 'publishRefused',
};

/** The publisher whose will this message is, if it is one. */
function willPublisher(w: WorldContext, m: AppMessage): string | undefined {
  const text = payloadText(m.payload);
  const i = w.scenario.publishers.findIndex((p) => p.will !== undefined && p.will.topic === m.topic && p.will.payload === text);
  return i < 0 ? undefined : publisherName(i);
}

/** 5.0's 'serverDisconnect' (the broker sent DISCONNECT with a Reason Code) ends the connection as a reset does. */
const CLOSE_CAUSE: Record<string, ConnectionLossCause> = {
  keepAlive: 'keepAlive', protocolError: 'protocolError', takeover: 'takeover', disconnect: 'reset', refused: 'reset', serverDisconnect: 'reset',
};

export function handleClientOutputs(w: WorldContext, c: ClientRuntime, outputs: ClientOutput[]): void {
  const name = c.name;
  for (const out of outputs) {
    switch (out.type) {
      case 'send': {
        if (c.connId) sendPacket(w, findConn(w, c.connId)!, name, 'broker', out.packet, out.bytes, out.retransmission);
        break;
      }
      case 'close': {
        const connId = c.connId;
        if (!connId) break;
        const graceful = out.reason === 'disconnect';
        closeFromEngine(w, 'client', connId, CLOSE_CAUSE[out.reason]);
        if (out.reason === 'refused' || out.reason === 'disconnect') c.stopped = true;
        if (!graceful) {
          if (w.keeps('connectionLost')) w.emit({ kind: 'connectionLost', key: `connection.lost.${out.reason}`, params: { client: name, cause: out.reason }, client: name, cause: CLOSE_CAUSE[out.reason] });
          w.stepClient(c, { type: 'connectionLost' });
          scheduleReconnect(w, c);
        }
        break;
      }
      case 'connected':
        clientConnected(w, c, out.sessionPresent, out.returnCode);
        break;
      case 'deliver': {
        const publicationNo = w.publicationNoOf(out.message.topic, out.message.payload);
        const deliveryNo = countInto(w.state.deliveries, name, publicationNo > 0 ? publicationNo : 0);
        if (out.message.retain && publicationNo > 0) countInto(w.state.retainedDeliveries, name, publicationNo);
        // A will is a message of its own, not a copy of a publication: counted apart.
        const willOf = publicationNo < 0 ? willPublisher(w, out.message) : undefined;
        const will = willOf !== undefined;
        if (publicationNo < 0) w.state.otherDeliveries[will ? 'will' : 'unmatched']++;
        if (w.full) {
          w.emit({ kind: 'appDeliver', key: will ? 'app.deliver.will' : deliveryNo > 1 ? 'app.deliver.duplicate' : 'app.deliver',
            params: { client: name, publicationNo, deliveryNo, qos: out.message.qos, topic: out.message.topic, ...(will && { publisher: willOf }) },
            client: name, publicationNo, topic: out.message.topic, payloadText: payloadText(out.message.payload), qos: out.message.qos,
            retain: out.message.retain, deliveryNo, ...(will && { will }) });
        }
        break;
      }
      case 'discarded':
        // The publisher's own copy is gone: no subscriber can get it any more.
        recordLosses(w, CLIENT_DISCARD[out.reason], out.messages, undefined);
        break;
      case 'subscribed':
        clientSubscribed(w, c);
        break;
      case 'published':
      case 'unsubscribed':
        break;
      case 'ruleApplied':
        if (w.full) w.emit({ kind: 'decision', key: out.key, params: out.params, actor: name, rule: out.rule });
        break;
      default:
        assertNever(out, 'client output');
    }
  }
}

export function handleBrokerOutputs(w: WorldContext, outputs: BrokerOutput[]): void {
  for (const out of outputs) {
    switch (out.type) {
      case 'send': {
        const conn = findConn(w, out.connId);
        if (conn) sendPacket(w, conn, 'broker', conn.client.name, out.packet, out.bytes, out.retransmission);
        break;
      }
      case 'close':
        closeFromEngine(w, 'broker', out.connId, CLOSE_CAUSE[out.reason]);
        break;
      case 'discarded': {
        const reason = BROKER_DISCARD[out.reason];
        recordLosses(w, reason, out.messages, out.to);
        if (out.session && out.to !== undefined && w.client(out.to)?.role === 'subscriber') {
          recordSubscriptionEnded(w, reason, out.to);
        }
        break;
      }
      case 'ruleApplied':
        if (w.full) w.emit({ kind: 'decision', key: out.key, params: out.params, actor: 'broker', rule: out.rule });
        break;
      default:
        assertNever(out, 'broker output');
    }
  }
}
