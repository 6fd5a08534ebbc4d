/**
 * What the page may ask of the lab. This object is exposed from the Web Worker with Comlink
 * (sim.worker.ts) and is a plain module so Node tests can call it directly.
 */
import type { Trace } from '../sim/trace';

function firstFlow(): Trace {
  const bytes = new Uint8Array([0x30, 0x0b, 0x00, 0x04, 0x74, 0x65, 0x6d, 0x70, 0x32, 0x31, 0x2e, 0x35, 0x20]);
  return {
    participants: [
      { id: 'publisher', role: 'publisher', qos: 0 },
      { id: 'broker', role: 'broker' },
      { id: 'subscriber', role: 'subscriber', qos: 0 },
    ],
    events: [
      { kind: 'packetSent', index: 0, tMs: 0, key: 'packet.sent', params: {}, wireId: 1, from: 'publisher', to: 'broker', retransmission: false,
        packet: { type: 'PUBLISH', topic: 'temp', payload: bytes.subarray(6), qos: 0, dup: false, retain: false }, bytes },
    ],
  };
}

export const api = {
  hello(): { engine: string; trace: Trace } {
    return { engine: 'MQTT 3.1.1', trace: firstFlow() };
  },
};

export type LabApi = typeof api;
