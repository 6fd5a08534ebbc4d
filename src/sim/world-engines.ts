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
import { closeFromEngine, scheduleReconnect, sendPacket } from './world-links';
import { clientConnected, clientSubscribed } from './world-app';

const CLOSE_CAUSE: Record<string, ConnectionLossCause> = {
  keepAlive: 'keepAlive', protocolError: 'protocolError', takeover: 'takeover', disconnect: 'reset', refused: 'reset',
};

export function handleClientOutputs(w: World, name: string, outputs: ClientOutput[]): void {
  for (const out of outputs) {
    switch (out.type) {
      case 'send': {
        const c = w.client(name);
        if (c.connId) sendPacket(w, c.connId, name, 'broker', out.packet, out.bytes, out.retransmission);
        break;
      }
      case 'close': {
        const c = w.client(name);
        const connId = c.connId;
        if (!connId) break;
        const graceful = out.reason === 'disconnect';
        closeFromEngine(w, 'client', connId, CLOSE_CAUSE[out.reason], graceful);
        if (out.reason === 'refused' || out.reason === 'disconnect') c.stopped = true;
        if (!graceful) {
          w.emit({ kind: 'connectionLost', key: `connection.lost.${out.reason}`, params: { client: name, cause: out.reason }, client: name, cause: CLOSE_CAUSE[out.reason] });
          w.stepClient(name, { type: 'connectionLost' });
          scheduleReconnect(w, name);
        }
        break;
      }
      case 'connected':
        clientConnected(w, name, out.sessionPresent, out.returnCode);
        break;
      case 'deliver': {
        const text = payloadText(out.message.payload);
        const messageId = w.s.messageIds.get(out.message.topic)?.get(text) ?? -1;
        let counts = w.s.deliveries.get(name);
        if (counts === undefined) w.s.deliveries.set(name, (counts = new Map()));
        const deliveryNo = (counts.get(messageId) ?? 0) + 1;
        counts.set(messageId, deliveryNo);
        w.emit({ kind: 'appDeliver', key: deliveryNo > 1 ? 'app.deliver.duplicate' : 'app.deliver',
          params: { client: name, messageId, deliveryNo, qos: out.message.qos, topic: out.message.topic },
          client: name, messageId, topic: out.message.topic, payloadText: text, qos: out.message.qos, retain: out.message.retain, deliveryNo });
        break;
      }
      case 'subscribed':
        clientSubscribed(w, name);
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
        const conn = w.s.conns.get(out.connId);
        if (conn) sendPacket(w, out.connId, 'broker', conn.client, out.packet, out.bytes, out.retransmission);
        break;
      }
      case 'close':
        closeFromEngine(w, 'broker', out.connId, CLOSE_CAUSE[out.reason], out.reason === 'disconnect');
        break;
      case 'ruleApplied':
        if (w.full) w.emit({ kind: 'decision', key: out.key, params: out.params, actor: 'broker', rule: out.rule });
        break;
      default:
        assertNever(out, 'broker output');
    }
  }
}
