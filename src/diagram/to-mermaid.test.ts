import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { arrowEventIndices, NARROW_SEQUENCE, toMermaid, toMermaidWithMap } from './to-mermaid';
import { publish, qos1DroppedPuback, qos2Clean, traceBuilder } from './__fixtures__/traces';

const lines = (text: string) => text.trim().split('\n').map((l) => l.trim());

describe('toMermaid: structure', () => {
  it('starts with sequenceDiagram and autonumber, participants ordered publishers, broker, subscribers', () => {
    const l = lines(toMermaid(qos1DroppedPuback()));
    expect(l.slice(0, 5)).toEqual([
      'sequenceDiagram', 'autonumber',
      'participant publisher as Publisher', 'participant broker as Broker', 'participant subscriber as Subscriber',
    ]);
  });
  it("names each client's QoS and clean-session flag in a note", () => {
    const text = toMermaid(qos2Clean());
    expect(text).toContain('Note over publisher: publishes QoS 2, cleanSession=0');
    expect(text).toContain('Note over subscriber: subscribes QoS 2, cleanSession=1');
  });
  it('draws requests solid and responses dotted, with what matters in the label', () => {
    const text = toMermaid(qos1DroppedPuback());
    expect(text).toContain('publisher->>broker: CONNECT (clean=0, keepAlive=10s)');
    expect(text).toContain('broker-->>publisher: CONNACK (rc=0 accepted, session present=0)');
    expect(text).toContain('subscriber->>broker: SUBSCRIBE (id=1, sensors/temp QoS 1)');
    expect(text).toContain('broker-->>subscriber: SUBACK (id=1, granted QoS 1)');
    expect(text).toContain('publisher->>broker: PUBLISH (QoS 1, id=1) sensors/temp “21.5 °C”');
    expect(text).toContain('subscriber-->>broker: PUBACK (id=1)');
  });
  it('draws a dropped packet with -x plus a note spanning the pair', () => {
    const l = lines(toMermaid(qos1DroppedPuback()));
    const i = l.indexOf('broker--xpublisher: PUBACK (id=1)');
    expect(i).toBeGreaterThan(0);
    expect(l[i + 1]).toBe('Note over broker,publisher: ✗ PUBACK id=1 lost (dropped on request)');
    expect(l[i + 2]).toBe('Note over publisher,broker: ✂ connection lost (packet dropped)');
  });
  it('notes reconnect with session present, and wraps retransmissions in a rect', () => {
    const l = lines(toMermaid(qos1DroppedPuback()));
    expect(l).toContain('Note over publisher,broker: ↻ reconnected, session present=1');
    const r = l.indexOf('rect rgb(255, 243, 205)');
    expect(l.slice(r, r + 4)).toEqual([
      'rect rgb(255, 243, 205)',
      'Note over publisher: Re-send PUBLISH id 1 with DUP=1',
      'publisher->>broker: PUBLISH (QoS 1, id=1, DUP) sensors/temp “21.5 °C”',
      'Note over broker: DUP id 1: seen before or not, QoS 1 forwards it',
    ]);
    expect(l[r + 4]).toBe('end');
  });
  it('notes delivery #1 and warns on a duplicate', () => {
    const text = toMermaid(qos1DroppedPuback());
    expect(text).toContain('Note over subscriber: ✓ delivered #35;1: m1 “21.5 °C”');
    expect(text).toContain('Note over subscriber: ⚠ duplicate: delivered #35;2 m1 “21.5 °C”');
  });
  it('notes the QoS 2 decisions that teach', () => {
    const text = toMermaid(qos2Clean());
    expect(text).toContain('Note over broker: Broker stores id 1, awaits PUBREL');
    expect(text).toContain('Note over broker: Broker releases id 1');
    expect(text).toContain('broker-->>publisher: PUBREC (id=1)');
  });
  it('writes the notes in Chinese with lang zh', () => {
    const text = toMermaid(qos2Clean(), { lang: 'zh' });
    expect(text).toContain('participant broker as 代理');
    expect(text).toContain('Note over broker: 代理保存 id 1，等待 PUBREL');
    expect(toMermaid(qos1DroppedPuback(), { lang: 'zh' })).toContain('⚠ 重复');
  });
  it('renders a downgrade note', () => {
    const b = traceBuilder().decision('broker', 'broker.downgrade', { clientId: 'subscriber', topic: 't', from: 2, to: 0 });
    expect(toMermaid(b.trace())).toContain('Note over broker: Downgrade QoS 2 → 0');
  });
});

describe('toMermaid: options', () => {
  it('hideConnectionSetup leaves out CONNECT, CONNACK, SUBSCRIBE, SUBACK', () => {
    const text = toMermaid(qos1DroppedPuback(), { hideConnectionSetup: true });
    for (const t of ['CONNECT', 'CONNACK', 'SUBSCRIBE', 'SUBACK']) expect(text).not.toContain(`${t} (`);
    expect(text).toContain('PUBLISH (QoS 1, id=1)');
    expect(text).toContain('session present=1'); // the reconnect note stays
  });
  it('timestamps prefix arrows with virtual time', () => {
    expect(toMermaid(qos1DroppedPuback(), { timestamps: true })).toContain('publisher->>broker: 100 ms · PUBLISH');
  });
  it('compact labels are short and skip application-publish notes', () => {
    const text = toMermaid(qos1DroppedPuback(), { compact: true });
    expect(text).toContain('publisher->>broker: PUBLISH q1 id=1 DUP');
    expect(text).toContain('broker-->>subscriber: SUBACK q1');
    expect(text).not.toContain('App publishes');
  });
  it('compact captions and notes are short, and their packet names stay whole', () => {
    const text = toMermaid(qos1DroppedPuback(), { compact: true });
    expect(lines(text).slice(2, 5)).toEqual(['participant publisher as Pub', 'participant broker as Broker', 'participant subscriber as Sub']);
    expect(text).toContain('Note over publisher: QoS 1, clean=0');
    expect(text).toContain('Note over subscriber: ✓ delivered: m1');
    expect(text).toContain('Note over subscriber: ⚠ duplicate: m1 ×2');
    expect(text).toContain('Note over broker,publisher: ✗ PUBACK id=1 lost');
    expect(toMermaid(qos1DroppedPuback(), { compact: true, lang: 'zh' })).toContain('participant publisher as 发布者');
  });
  it('narrow puts its sizes in front matter, and only there', () => {
    const text = toMermaid(qos1DroppedPuback(), { compact: true, narrow: true });
    expect(text.split('\n').slice(0, 5)).toEqual(['---', 'config:', `  sequence: ${JSON.stringify(NARROW_SEQUENCE)}`, '---', 'sequenceDiagram']);
    expect(toMermaid(qos1DroppedPuback(), { compact: true }).startsWith('sequenceDiagram\n')).toBe(true);
  });
  it('noteWrapAt breaks notes over one participant narrower than labels and wider notes', () => {
    const text = toMermaid(qos1DroppedPuback(), { compact: true, wrapAt: 14, noteWrapAt: 10 });
    expect(text).toContain('Note over subscriber: ✓ delivered:<br>m1');
    expect(text).toContain('Note over broker,publisher: ✗ PUBACK id=1<br>lost (dropped<br>on request)');
    expect(text).toContain('publisher->>broker: PUBLISH q1 id=1<br>DUP');
  });
});

describe('toMermaidWithMap', () => {
  it('maps every message and note to the trace event that reveals it', () => {
    const trace = qos1DroppedPuback();
    const map = toMermaidWithMap(trace);
    const drawn = lines(map.text).filter((l) => /^Note over|-[->x]/.test(l) && !l.startsWith('participant'));
    expect(drawn.length).toBe(map.items.length);
    map.items.forEach((item, k) => {
      expect(drawn[k].startsWith('Note over')).toBe(item.kind === 'note');
      if (item.eventIndex >= 0) expect(map.itemOfEvent[item.eventIndex]).toBe(k);
    });
    for (const e of trace.events) {
      if (e.kind === 'packetDelivered') expect(map.items[map.itemOfEvent[e.index]].kind).toBe('message');
    }
  });
  it('marks the dropped arrow with its drop event', () => {
    const trace = qos1DroppedPuback();
    const map = toMermaidWithMap(trace);
    const dropped = map.items.filter((i) => i.dropEventIndex !== undefined);
    expect(dropped).toHaveLength(1);
    expect(trace.events[dropped[0].dropEventIndex!].kind).toBe('packetDropped');
  });
  it('draws a window with an "earlier steps hidden" marker and continued numbering', () => {
    const trace = qos1DroppedPuback();
    const arrows = arrowEventIndices(trace);
    const map = toMermaidWithMap(trace, {}, { first: arrows[4], last: trace.events.length - 1 });
    expect(map.hiddenArrows).toBe(4);
    expect(map.text).toContain('autonumber 5');
    expect(map.text).toContain('Note over publisher,subscriber: … 4 earlier steps hidden');
    const l = lines(map.text);
    expect(l[l.indexOf('Note over publisher,subscriber: … 4 earlier steps hidden') + 1]).toBe('subscriber->>broker: SUBSCRIBE (id=1, sensors/temp QoS 1)');
  });
});

describe('toMermaid: hostile text', () => {
  const hostile = 'a;b#c%%{init: {"theme":"dark"}}%%\n<img src=x onerror=alert(1)><script>alert(2)</script>';
  it('keeps hostile topic and payload on one line, with no raw ; % < > or #', () => {
    const b = traceBuilder().appPublish('publisher', 1, hostile, hostile, 1);
    b.hop('publisher', 'broker', publish(hostile, hostile, 1, 1));
    b.appDeliver('subscriber', 1, hostile, hostile, 1, 1);
    const text = toMermaid(b.trace());
    for (const l of text.trim().split('\n')) {
      const body = l.replace(/^[^:]*:/, '').replace(/#\w+;/g, '');
      expect(body).not.toMatch(/[;%<>#]/);
    }
    expect(text).not.toContain('<script');
    expect(text).not.toContain('%%');
  });
  it('never breaks a line for any topic or payload', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (topic, payload) => {
      const b = traceBuilder();
      b.hop('publisher', 'broker', publish(topic, payload, 0));
      b.appDeliver('subscriber', 1, topic, payload, 0, 1);
      const l = lines(toMermaid(b.trace()));
      return l.length === 9 && l.every((x) => !/[;<>%]/.test(x.replace(/^[^:]*:/, '').replace(/#\w+;/g, '')));
    }));
  });
});

describe('toMermaid: wrapAt (the live view)', () => {
  it('breaks long labels and notes into lines with <br>, escaping each line', () => {
    const text = toMermaid(qos1DroppedPuback(), { wrapAt: 28 });
    expect(text).toContain('broker-->>publisher: CONNACK (rc=0 accepted,<br>session present=0)');
    expect(text).toContain('publisher->>broker: PUBLISH (QoS 1, id=1, DUP)<br>sensors/temp “21.5 °C”');
    expect(text).toContain('broker--xpublisher: PUBACK (id=1)\n');
  });
  it('leaves labels on one line without it (exports, CLI)', () => {
    expect(toMermaid(qos1DroppedPuback())).not.toContain('<br>');
  });
});
