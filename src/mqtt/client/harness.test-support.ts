/**
 * A client session driven packet by packet with a hand-played broker (real codec, no mocks):
 * the harness for the client's tests.
 */
import { millis, type Packet, type QoS } from '../types';
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
  receive(...packets: Packet[]): ClientOutput[] {
    return packets.flatMap((p) => this.step({ type: 'bytesReceived', bytes: encode(p) }));
  }
  connect(sessionPresent = false): ClientOutput[] {
    this.step({ type: 'connectionOpened' });
    return this.receive({ type: 'CONNACK', sessionPresent, returnCode: 0 });
  }
  publish(payload: string, qos: QoS): ClientOutput[] {
    return this.step({ type: 'appPublished', message: { topic: 't', payload: text(payload), qos, retain: false } });
  }
}

export const sent = (outputs: ClientOutput[]): Packet[] => outputs.flatMap((o) => (o.type === 'send' ? [o.packet] : []));
export const closeOf = (outputs: ClientOutput[]) => outputs.find((o) => o.type === 'close');
export const delivered = (outputs: ClientOutput[]) => outputs.filter((o) => o.type === 'deliver');
export const rule = (outputs: ClientOutput[], key: string) => outputs.filter((o) => o.type === 'ruleApplied' && o.key === key);

