// A run exported as pcapng (to-pcapng.ts) and imported again: the same packets, in the same order.
import { describe, expect, it } from 'vitest';
import { runScenario } from '../sim/lab';
import { parseScenario } from '../sim/scenario';
import { PRESETS } from '../sim/scenarios/presets';
import type { PacketSentEvent, Trace } from '../sim/trace';
import { importCapture } from './capture-to-trace';
import { captureOrigin, toPcapng } from './to-pcapng';

/** Who sent what, whatever the participants are called. */
const packets = (t: Trace) => t.events.filter((e): e is PacketSentEvent => e.kind === 'packetSent')
  .map((e) => [e.from === 'broker' ? 'S>C' : 'C>S', e.packet.type, 'packetId' in e.packet ? e.packet.packetId : undefined, [...e.bytes]]);

describe('importCapture reads back what the lab exports', () => {
  it.each(PRESETS.map((p) => [p.id, p] as const))('%s', (_, preset) => {
    const parsed = parseScenario(preset.scenario);
    if (!parsed.ok) throw new Error(parsed.error);
    const run = runScenario(parsed.value, { checkpointEvery: 0 });
    const r = importCapture(toPcapng(run.trace, captureOrigin(run.scenario)));
    if (!r.ok) throw new Error(r.error);
    // The export shows every packet as its sender sent it, dropped ones too (as a capture at each sender would).
    expect(packets(r.trace)).toEqual(packets(run.trace));
    expect(r.summary.warnings).toEqual([]);
  });
});
