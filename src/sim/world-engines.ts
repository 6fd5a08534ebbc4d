/**
 * Turning the engines' outputs into happenings: packets onto links, deliveries to the
 * applications, closes into broken connections, decisions into the trace.
 */
import type { BrokerOutput } from '../mqtt/broker';
import type { ClientOutput } from '../mqtt/client';
import { payloadText } from '../mqtt/codec';
import { assertNever } from '../mqtt/errors';
import type { ConnectionLossCause } from './trace';
import type { World } from './world';
import type { ClientRuntime } from './world-types';
import { closeFromEngine, findConn, scheduleReconnect, sendPacket } from './world-links';
import { clientConnected, clientSubscribed } from './world-app';

const CLOSE_CAUSE: Record<string, ConnectionLossCause> = {
  keepAlive: 'keepAlive', protocolError: 'protocolError', takeover: 'takeover', disconnect: 'reset', refused: 'reset',
};

export function handleClientOutputs(w: World, c: ClientRuntime, outputs: ClientOutput[]): void {
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
        const messageId = w.publishedMessageId(out.message.topic, out.message.payload);
        let counts = w.s.deliveries.get(name);
        if (counts === undefined) w.s.deliveries.set(name, (counts = []));
        const slot = messageId > 0 ? messageId : 0;
        const deliveryNo = (counts[slot] ?? 0) + 1;
        counts[slot] = deliveryNo;
        if (w.full) w.emit({ kind: 'appDeliver', key: deliveryNo > 1 ? 'app.deliver.duplicate' : 'app.deliver',
          params: { client: name, messageId, deliveryNo, qos: out.message.qos, topic: out.message.topic },
          client: name, messageId, topic: out.message.topic, payloadText: payloadText(out.message.payload), qos: out.message.qos, retain: out.message.retain, deliveryNo });
        break;
      }
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

export function handleBrokerOutputs(w: World, outputs: BrokerOutput[]): void {
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
      case 'ruleApplied':
        if (w.full) w.emit({ kind: 'decision', key: out.key, params: out.params, actor: 'broker', rule: out.rule });
        break;
      default:
        assertNever(out, 'broker output');
    }
  }
}
