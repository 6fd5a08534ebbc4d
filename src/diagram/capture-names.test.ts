/**
 * Participants the lab did not name (an imported capture's clients, named by client id): shown by
 * that id, escaped; unique Mermaid identifiers that are never keywords; times to the microsecond.
 */
import { describe, expect, it } from 'vitest';
import type { Trace } from '../sim/trace';
import { participantName } from './labels';
import { toMermaid } from './to-mermaid';

const packetSent = (index: number, tMs: number, from: string, to: string) => ({
  kind: 'packetSent', index, tMs, key: 'packet.sent.PINGREQ', params: {}, wireId: index + 1, from, to,
  packet: { type: 'PINGREQ' }, bytes: new Uint8Array([0xc0, 0]), retransmission: false,
}) as unknown as Trace['events'][number];

describe('a capture\'s participants in the diagram', () => {
  const trace: Trace = {
    participants: [
      { id: 'a-b', role: 'publisher', clientId: 'a-b' },
      { id: 'a_b', role: 'publisher', clientId: 'a_b' },
      { id: 'end', role: 'publisher', clientId: 'end' },
      { id: 'broker', role: 'broker' },
      { id: '<img src=x onerror=alert(1)>;%%', role: 'subscriber', clientId: '<img src=x onerror=alert(1)>;%%' },
    ],
    events: [packetSent(0, 0.125, 'a-b', 'broker'), packetSent(1, 12, 'a_b', 'broker'), packetSent(2, 1234.5, 'end', 'broker'),
      packetSent(3, 1300.000001, '<img src=x onerror=alert(1)>;%%', 'broker')],
  };

  it('names them by client id, unique identifiers, never a keyword, markup escaped', () => {
    const text = toMermaid(trace, { timestamps: true });
    expect(text).toContain('participant c_a_b as a-b\n');
    expect(text).toContain('participant c_a_b_2 as a_b\n');
    expect(text).toContain('participant c_end as end\n');
    expect(text).toContain('participant broker as Broker\n');
    expect(text).toMatch(/participant c_p__img_src_x_onerror_alert_1_____ as #lt;img src=x onerror=alert\(1\)#gt;#59;#37;#37;\n/);
    expect(text).toContain('c_a_b->>broker: 0.125 ms · PINGREQ');
    expect(text).toContain('c_a_b_2->>broker: 12 ms · PINGREQ');
    expect(text).toContain('c_end->>broker: 1234.5 ms · PINGREQ');
    expect(text).toContain('->>broker: 1300 ms · PINGREQ');
    expect(text).not.toMatch(/<img|onerror=alert\(1\)>/);
  });

  it('keeps the lab\'s own names: Publisher, Subscriber 2', () => {
    expect(participantName({ id: 'publisher', role: 'publisher' }, 'en')).toBe('Publisher');
    expect(participantName({ id: 'subscriber2', role: 'subscriber' }, 'en')).toBe('Subscriber 2');
    expect(participantName({ id: 'sensor-7', role: 'publisher', clientId: 'sensor-7' }, 'zh')).toBe('sensor-7');
  });
});
