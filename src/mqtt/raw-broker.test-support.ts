/**
 * A broker driven packet by packet from the test, for the violations a well-behaved client
 * engine never commits (CONNECT twice, wildcards in a topic name...). Real broker, real codec,
 * no mocks; time moves only when the test sets `nowMs`.
 *
 * `new RawBroker()` is a 3.1.1-only broker (protocolVersions [4]), as the 3.1.1 tests were
 * written for; `RawBroker.v5()` speaks both, and `connect5` opens an MQTT 5.0 connection. Packets
 * are encoded in the version of the connection they are sent on (5.0 once its CONNECT was).
 */
import { millis, type Millis, type Packet } from './types';
import type { BrokerInput, BrokerOptions, BrokerOutput, BrokerState } from './broker';
import { brokerStep, createBroker } from './broker';
import { encode } from './codec';

export class RawBroker {
  nowMs: Millis = millis(0);
  readonly state: BrokerState;
  readonly outputs: BrokerOutput[] = [];
  wakeAtMs: Millis | undefined;

  constructor(options?: BrokerOptions) {
    this.state = createBroker({ protocolVersions: [4], ...options });
  }

  /** A broker that speaks 3.1.1 and 5.0, each connection in its CONNECT's version. */
  static v5(options?: BrokerOptions): RawBroker {
    return new RawBroker({ protocolVersions: [4, 5], ...options });
  }

  step(input: BrokerInput): BrokerOutput[] {
    const result = brokerStep(this.state, input, this.nowMs);
    this.wakeAtMs = result.wakeAtMs;
    this.outputs.push(...result.outputs);
    return result.outputs;
  }

  open(connId: string): this {
    this.step({ type: 'connectionOpened', connId });
    return this;
  }

  /** Opens `connId` and sends CONNECT (cleanSession=1 unless said otherwise). */
  connect(connId: string, clientId: string, extra: Partial<Extract<Packet, { type: 'CONNECT' }>> = {}): BrokerOutput[] {
    this.open(connId);
    return this.send(connId, {
      type: 'CONNECT', protocolName: 'MQTT', protocolLevel: 4, clientId, cleanSession: true, keepAliveSec: 0, ...extra,
    });
  }

  /** Opens `connId` and sends an MQTT 5.0 CONNECT (Clean Start 1 unless said otherwise). */
  connect5(connId: string, clientId: string, extra: Partial<Extract<Packet, { type: 'CONNECT' }>> = {}): BrokerOutput[] {
    return this.connect(connId, clientId, { protocolLevel: 5, ...extra });
  }

  send(connId: string, ...packets: Packet[]): BrokerOutput[] {
    const version = this.state.connections.get(connId)?.v5 === undefined ? 4 : 5;
    const bytes = packets.map((p) => encode(p, { version }));
    const all = new Uint8Array(bytes.reduce((n, b) => n + b.length, 0));
    let offset = 0;
    for (const b of bytes) { all.set(b, offset); offset += b.length; }
    return this.step({ type: 'bytesReceived', connId, bytes: all });
  }

  sentTo(connId: string, outputs: BrokerOutput[] = this.outputs): Packet[] {
    return outputs.flatMap((o) => (o.type === 'send' && o.connId === connId ? [o.packet] : []));
  }

  closed(connId: string, outputs: BrokerOutput[] = this.outputs): Extract<BrokerOutput, { type: 'close' }> | undefined {
    return outputs.find((o): o is Extract<BrokerOutput, { type: 'close' }> => o.type === 'close' && o.connId === connId);
  }

  /** The `close` outputs' connIds, in order. */
  closedIds(outputs: BrokerOutput[] = this.outputs): string[] {
    return outputs.flatMap((o) => (o.type === 'close' ? [o.connId] : []));
  }

  /** Moves virtual time to `ms` and wakes the broker. */
  advanceTo(ms: number): BrokerOutput[] {
    this.nowMs = millis(ms);
    return this.step({ type: 'timeAdvanced' });
  }

  rules(key: string, outputs: BrokerOutput[] = this.outputs): Extract<BrokerOutput, { type: 'ruleApplied' }>[] {
    return outputs.filter((o): o is Extract<BrokerOutput, { type: 'ruleApplied' }> => o.type === 'ruleApplied' && o.key === key);
  }
}
