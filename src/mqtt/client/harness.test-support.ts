/**
 * A client session driven packet by packet with a hand-played broker (real codec, no mocks):
 * the harness for the client's tests.
 */
import { millis, type ConnackProperties, type MessageProperties, type Packet, type QoS } from '../types';
import { encode } from '../codec';
import type { ClientInput, ClientOptions, ClientOutput, ClientState } from './index';
import { clientStep, createClient } from './index';

export const text = (s: string) => new TextEncoder().encode(s);

export class Harness {
  nowMs = 0;
  readonly state: ClientState;
  readonly outputs: ClientOutput[] = [];
  wakeAtMs: number | undefined;
  constructor(options: Partial<ClientOptions> = {}) {
    this.state = createClient({ clientId: 'c', cleanSession: false, keepAliveSec: 0, ...options });
  }
  step(input: ClientInput): ClientOutput[] {
    const r = clientStep(this.state, input, millis(this.nowMs));
    this.wakeAtMs = r.wakeAtMs;
    this.outputs.push(...r.outputs);
    return r.outputs;
  }
  /** Whether the client speaks MQTT 5.0: the scripted broker then writes 5.0 too. */
  get v5(): boolean {
    return this.state.options.protocolVersion === 5;
  }
  receive(...packets: Packet[]): ClientOutput[] {
    return packets.flatMap((p) => this.step({ type: 'bytesReceived', bytes: this.v5 ? encode(p, { version: 5 }) : encode(p) }));
  }
  /** 5.0: `properties` go into the CONNACK (Reason Code 0x00). */
  connect(sessionPresent = false, properties?: ConnackProperties): ClientOutput[] {
    this.step({ type: 'connectionOpened' });
    if (!this.v5) return this.receive({ type: 'CONNACK', sessionPresent, returnCode: 0 });
    return this.receive(properties === undefined ? { type: 'CONNACK', sessionPresent, reasonCode: 0x00 }
      : { type: 'CONNACK', sessionPresent, reasonCode: 0x00, properties });
  }
  publish(payload: string, qos: QoS, properties?: MessageProperties, retain = false): ClientOutput[] {
    const message = { topic: 't', payload: text(payload), qos, retain };
    return this.step({ type: 'appPublished', message: properties === undefined ? message : { ...message, properties } });
  }
}

export const sent = (outputs: ClientOutput[]): Packet[] => outputs.flatMap((o) => (o.type === 'send' ? [o.packet] : []));
export const closeOf = (outputs: ClientOutput[]) => outputs.find((o) => o.type === 'close');
export const delivered = (outputs: ClientOutput[]) => outputs.filter((o) => o.type === 'deliver');
/** A client speaking MQTT 5.0, driven by a scripted 5.0 broker. */
export const harness5 = (options: Partial<ClientOptions> = {}) => new Harness({ protocolVersion: 5, ...options });
export const rule = (outputs: ClientOutput[], key: string) => outputs.filter((o) => o.type === 'ruleApplied' && o.key === key);

