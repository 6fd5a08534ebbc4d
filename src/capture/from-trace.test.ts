/**
 * A run as TCP: per stream, the handshake, sequence and acknowledgement numbers that add up,
 * the trace's exact bytes, a drop that is never acknowledged and ends in a RST, a reconnect on
 * a new port, a large PUBLISH cut at the MSS, a DISCONNECT closed with FIN, the same bytes
 * for the same run. The frames are read back from the pcapng file, as a reader would.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../sim/lab';
import { parseScenario, type ScenarioInput } from '../sim/scenario';
import { findPreset, PRESETS } from '../sim/scenarios/presets';
import type { PacketSentEvent, Trace } from '../sim/trace';
import { captureOrigin, CAPTURE_EPOCH_MS, toPcapng } from './to-pcapng';
import { ACK, FIN, PSH, RST, SYN } from './tcp-frame';
import { readBlocks, optionText, readFrames, type Frame } from './pcapng-blocks.test-support';
import { disconnectTrace } from './traces.test-support';

const runOf = (input: ScenarioInput) => {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(parsed.error);
  return runScenario(parsed.value, { checkpointEvery: 0 });
};
const presetRun = (id: string) => runOf(findPreset(id)!.scenario);
const captureOf = (run: ReturnType<typeof runOf>) => toPcapng(run.trace, captureOrigin(run.scenario));
const sentOf = (trace: Trace) => trace.events.filter((e): e is PacketSentEvent => e.kind === 'packetSent');
const concat = (parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => Array.from(p)));
const streamKey = (f: Frame) => (f.dstPort === 1883 ? `${f.src}:${f.srcPort}` : `${f.dst}:${f.dstPort}`);
const seqLength = (f: Frame) => f.payload.length + (f.flags & SYN ? 1 : 0) + (f.flags & FIN ? 1 : 0);
const diff = (a: number, b: number) => (a - b) | 0;

/**
 * What every stream must satisfy for Wireshark to find nothing wrong: it starts with SYN,
 * SYN/ACK, ACK; each end's sequence numbers run on without gap or overlap; acknowledgements
 * never go back and never acknowledge bytes the peer has not sent (earlier in the file).
 * Returns the streams, each frame with its direction.
 */
function checkTcp(frames: Frame[]): Map<string, Frame[]> {
  const streams = new Map<string, Frame[]>();
  for (const f of frames) streams.set(streamKey(f), [...(streams.get(streamKey(f)) ?? []), f]);
  for (const [key, list] of streams) {
    expect(list.slice(0, 3).map((f) => f.flags), key).toEqual([SYN, SYN | ACK, ACK]);
    const next = new Map<string, number>();
    const acked = new Map<string, number>();
    for (const f of list) {
      const from = f.dstPort === 1883 ? 'client' : 'server';
      const peer = from === 'client' ? 'server' : 'client';
      if (next.has(from)) expect(f.seq, `${key} ${from} seq`).toBe(next.get(from));
      next.set(from, (f.seq + seqLength(f)) >>> 0);
      if (f.flags & ACK) {
        if (acked.has(from)) expect(diff(f.ack, acked.get(from)!), `${key} ${from} ack goes back`).toBeGreaterThanOrEqual(0);
        expect(diff(next.get(peer)!, f.ack), `${key} ${from} acks unseen bytes`).toBeGreaterThanOrEqual(0);
        acked.set(from, f.ack);
      }
    }
  }
  return streams;
}

describe('a run as TCP streams', () => {
  it('every preset: handshakes, sequence and acknowledgement numbers add up, and the data is the trace\'s bytes in order', () => {
    for (const preset of PRESETS) {
      const run = presetRun(preset.id);
      const frames = readFrames(captureOf(run));
      checkTcp(frames);
      const data = frames.filter((f) => f.payload.length > 0).map((f) => f.payload);
      expect(concat(data), preset.id).toEqual(concat(sentOf(run.trace).map((e) => e.bytes)));
    }
  });

  it('lossy runs with jitter, several clients and keep-alive detection keep the same rules', () => {
    for (const seed of [1, 2, 3]) {
      for (const detect of ['reset', 'keepAlive'] as const) {
        const run = runOf({ seed, messages: 15, link: { loss: 0.2, jitterMs: 10, detect },
          publishers: [{ qos: 2, maxInflight: 4 }, { qos: 1 }], subscribers: [{ qos: 2 }, { qos: 0 }] });
        const frames = readFrames(captureOf(run));
        checkTcp(frames);
        expect(concat(frames.filter((f) => f.payload.length > 0).map((f) => f.payload))).toEqual(concat(sentOf(run.trace).map((e) => e.bytes)));
      }
    }
  });

  it('a dropped PUBACK: sent, marked, never acknowledged; a RST ends the stream; the reconnect is a new stream on a new port', () => {
    const frames = readFrames(captureOf(presetRun('qos1-drop-puback-in')));
    const streams = checkTcp(frames);
    const publisher = [...streams.keys()].filter((k) => k.startsWith('10.0.0.2:'));
    expect(publisher).toEqual(['10.0.0.2:49152', '10.0.0.2:49153']);
    const first = streams.get('10.0.0.2:49152')!;
    const puback = first.find((f) => f.payload[0] === 0x40)!; // PUBACK: type 4 << 4
    expect(puback.src).toBe('10.0.0.1');
    expect(puback.comment).toMatch(/^dropped by the lab \(the scenario's drop rule\): the connection broke with this PUBACK in flight/);
    const pubackEnd = (puback.seq + puback.payload.length) >>> 0;
    const publisherAcks = first.filter((f) => f.src === '10.0.0.2' && f.flags & ACK).map((f) => f.ack);
    expect(publisherAcks.every((a) => diff(a, puback.seq) <= 0)).toBe(true);
    expect(publisherAcks).not.toContain(pubackEnd);
    const rst = first[first.length - 1];
    expect(rst.flags).toBe(RST | ACK);
    expect(rst.src).toBe('10.0.0.1');
    expect(rst.seq).toBe(pubackEnd);
    expect(rst.comment).toBe(`the lab broke publisher's connection 1 when the PUBACK in frame ${frames.indexOf(puback) + 1} was dropped ` +
      "(the scenario's drop rule). RST where publisher learns of it; it reconnects on a new stream");
    expect(streams.get('10.0.0.2:49153')![0].comment).toBe('publisher reconnects: its connection 2, a new TCP stream');
    // The subscriber's stream lives on; it has no RST.
    expect(streams.get('10.0.0.3:49152')!.some((f) => f.flags & RST)).toBe(false);
  });

  it('packets in flight when the connection broke say they were lost with it', () => {
    const frames = readFrames(captureOf(presetRun('broker-restart')));
    const lost = frames.filter((f) => f.comment?.startsWith('lost with its connection'));
    expect(lost).toHaveLength(1);
    expect(lost[0].comment).toBe('lost with its connection: the lab broke the connection before this PUBLISH arrived');
    expect(frames.filter((f) => f.flags & RST).map((f) => f.comment)).toEqual([
      "the lab broke subscriber's connection 1: the client went offline. RST where subscriber learns of it; it reconnects on a new stream",
      "the lab broke publisher's connection 1: the broker restarted. RST where publisher learns of it; it reconnects on a new stream",
    ]);
  });

  it('retry on timeout (MQTT 3.1): the vanished PUBACK is acknowledged, the connection lives on, the comment says so', () => {
    const frames = readFrames(captureOf(presetRun('retry-on-timeout')));
    const streams = checkTcp(frames);
    expect(streams.size).toBe(2);
    expect(frames.some((f) => f.flags & RST)).toBe(false);
    const puback = frames.find((f) => f.comment?.startsWith('dropped by the lab'))!;
    expect(puback.comment).toMatch(/retry on timeout.*vanished.*acknowledged here/);
    const end = (puback.seq + puback.payload.length) >>> 0;
    expect(frames.some((f) => f.src === '10.0.0.2' && f.flags & ACK && f.ack === end)).toBe(true);
  });

  it('a PUBLISH over 1460 bytes is cut into MSS-sized segments, PSH on the last, its bytes whole', () => {
    const run = runOf({ payload: 'é'.repeat(1000), publishers: [{ qos: 1 }], subscribers: [{ qos: 1 }] });
    const publish = sentOf(run.trace).find((e) => e.packet.type === 'PUBLISH')!;
    expect(publish.bytes.length).toBeGreaterThan(1460);
    const frames = readFrames(captureOf(run));
    checkTcp(frames);
    const first = frames.findIndex((f) => f.payload[0] === 0x32); // PUBLISH, QoS 1
    const parts = frames.slice(first, first + 2);
    expect(parts.map((f) => f.payload.length)).toEqual([1460, publish.bytes.length - 1460]);
    expect(parts.map((f) => f.flags)).toEqual([ACK, ACK | PSH]);
    expect(parts[1].seq).toBe((parts[0].seq + 1460) >>> 0);
    expect(concat(parts.map((f) => f.payload))).toEqual(publish.bytes);
  });

  it('timestamps are the virtual clock from the fixed epoch, in microseconds', () => {
    const run = presetRun('pub1-sub1');
    const frames = readFrames(captureOf(run));
    const lastSent = sentOf(run.trace).at(-1)!;
    expect(frames[0].timestamp).toBe(BigInt(CAPTURE_EPOCH_MS) * 1000n);
    expect(frames.some((f) => f.timestamp === (BigInt(CAPTURE_EPOCH_MS) + BigInt(lastSent.tMs)) * 1000n)).toBe(true);
    expect(frames.every((f, i) => i === 0 || f.timestamp >= frames[i - 1].timestamp)).toBe(true);
  });

  it('the same scenario gives the same bytes', () => {
    const input: ScenarioInput = { seed: 7, messages: 10, link: { loss: 0.2 } };
    expect(captureOf(runOf(input))).toEqual(captureOf(runOf(input)));
  });

  it('the section header says where it was "captured": simulated, the scenario, the addresses, the loss model', () => {
    const run = runOf({ ...findPreset('window-1-loss-10')!.scenario, seed: 4 });
    const [shb] = readBlocks(captureOf(run));
    const comment = optionText(shb, 1)!;
    expect(comment).toMatch(/^Simulated by MQTT QoS Lab, virtual clock/);
    expect(comment).toContain('Scenario: preset window-1-loss-10, seed 4, loss 10 %.');
    expect(comment).toContain('broker 10.0.0.1 port 1883; publisher 10.0.0.2, subscriber 10.0.0.3');
    expect(comment).toContain('a drop breaks the connection with the packet in flight');
    expect(optionText(shb, 4)).toBe('MQTT QoS Lab');
  });

  it('a capture written out again says its packets are real and its frames the lab\'s, not "simulated"', () => {
    const run = presetRun('pub1-sub1');
    const [shb] = readBlocks(toPcapng(run.trace, { importedFrom: 'lab.pcapng' }));
    const comment = optionText(shb, 1)!;
    expect(comment).toMatch(/^Written by MQTT QoS Lab from a capture \(lab\.pcapng\): the MQTT packets and their order are as the capture showed them/);
    expect(comment).not.toContain('Simulated');
    expect(comment).toContain("the capture's own addresses, ports and TCP segmentation are not kept");
  });
});

describe('a clean DISCONNECT', () => {
  it('is followed by the client\'s FIN; the broker answers FIN/ACK on arrival; the client\'s last ACK one latency later', () => {
    const frames = readFrames(toPcapng(disconnectTrace()));
    checkTcp(frames);
    const tail = frames.slice(-4);
    const ms = (f: Frame) => Number(f.timestamp / 1000n - BigInt(CAPTURE_EPOCH_MS));
    expect(tail.map((f) => [f.src, f.flags, ms(f)])).toEqual([
      ['10.0.0.2', ACK | PSH, 40], // DISCONNECT
      ['10.0.0.2', FIN | ACK, 40],
      ['10.0.0.1', FIN | ACK, 60],
      ['10.0.0.2', ACK, 80],
    ]);
    expect(tail[2].ack).toBe((tail[1].seq + 1) >>> 0); // the broker acknowledges the client's FIN
    expect(tail[3].ack).toBe((tail[2].seq + 1) >>> 0); // and the client the broker's
    expect(frames.some((f) => f.flags & RST)).toBe(false);
  });
});
