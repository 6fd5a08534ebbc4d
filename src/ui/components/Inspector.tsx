/** "Packet inspector": the chosen packet's real bytes and the codec's dissection of them. */
import { memo, useMemo } from 'react';
import { selectEvent } from '../store/actions';
import { useT } from '../i18n';
import { selectedPacket, sentInTrace, sentUpTo } from '../store/selectors';
import { annotateSent } from '../../worker/inspect';
import type { PacketSentEvent, Trace } from '../../sim/trace';
import { shallow } from 'zustand/shallow';
import { HexView } from './HexView';
import { usePainted } from '../hooks/use-painted';
import { FieldTable } from './FieldTable';

/** One packet's bytes and fields; re-rendered only when the packet shown changes. */
const PacketView = memo(function PacketView({ packet, trace }: { packet: PacketSentEvent; trace: Trace | null }) {
  const t = useT();
  // In the version of its connection (its client's CONNECT): 5.0 bytes read as 5.0.
  const dissection = useMemo(() => annotateSent(trace, packet), [trace, packet]);
  return (
    <>
      <p className="packet-meta">
        <strong>{packet.packet.type}</strong> · {t.inspector.bytes({ n: packet.bytes.length })}
      </p>
      <HexView bytes={packet.bytes} fields={dissection.fields} />
      <FieldTable fields={dissection.fields} />
    </>
  );
});

export function Inspector() {
  const t = useT();
  const trace = usePainted((s) => s.run.trace);
  // What a step changes here (how many packets are sent so far, which one is shown) follows
  // once the diagram has shown the step.
  const { cursor, count, packet } = usePainted((s) => ({
    cursor: s.playback.cursor,
    count: sentUpTo(s.run.trace, s.playback.cursor),
    packet: selectedPacket(s.run.trace, s.playback.cursor, s.selection.eventIndex),
  }), shallow);
  const all = useMemo(() => sentInTrace(trace), [trace]);
  // Every option is made once per run; a step only shows one more of them.
  const options = useMemo(() => all.map((e, i) => (
    <option key={e.index} value={e.index}>
      {`${i + 1}. ${t.participant(e.from)} → ${t.participant(e.to)}  ${e.packet.type}${'packetId' in e.packet && e.packet.packetId !== undefined ? ` ${e.packet.packetId}` : ''}${e.retransmission ? ` (${t.inspector.retransmission})` : ''}`}
    </option>
  )), [all, t]);
  return (
    <section className="panel inspector" role="region" aria-label="Packet inspector" data-cursor={cursor}>
      <h2>{t.inspector.heading}</h2>
      {!packet ? <p className="muted">{t.inspector.empty}</p> : (
        <>
          <div className="field">
            <label htmlFor="packet-pick" className="visually-hidden">{t.inspector.packet}</label>
            <select id="packet-pick" aria-label="Packet" value={packet.index} onChange={(e) => selectEvent(Number(e.target.value))}>
              {options.slice(0, count)}
            </select>
          </div>
          <PacketView packet={packet} trace={trace} />
        </>
      )}
    </section>
  );
}
