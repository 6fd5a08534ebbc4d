/** "Packet inspector": the chosen packet's real bytes and the codec's dissection of them. */
import { useMemo } from 'react';
import { useLab } from '../store/lab-store';
import { selectEvent } from '../store/actions';
import { useT } from '../i18n';
import { selectedPacket, sentSoFar } from '../store/selectors';
import { annotate } from '../../worker/inspect';
import { HexView } from './HexView';
import { FieldTable } from './FieldTable';

export function Inspector() {
  const t = useT();
  const trace = useLab((s) => s.run.trace);
  const cursor = useLab((s) => s.playback.cursor);
  const picked = useLab((s) => s.selection.eventIndex);
  const packet = useMemo(() => selectedPacket(trace, cursor, picked), [trace, cursor, picked]);
  const list = useMemo(() => sentSoFar(trace, cursor), [trace, cursor]);
  const dissection = useMemo(() => (packet ? annotate(packet.bytes) : null), [packet]);
  return (
    <section className="panel inspector" role="region" aria-label="Packet inspector">
      <h2>{t.inspector.heading}</h2>
      {!packet || !dissection ? <p className="muted">{t.inspector.empty}</p> : (
        <>
          <div className="field">
            <label htmlFor="packet-pick" className="visually-hidden">{t.inspector.packet}</label>
            <select id="packet-pick" aria-label="Packet" value={packet.index} onChange={(e) => selectEvent(Number(e.target.value))}>
              {list.map((e, i) => (
                <option key={e.index} value={e.index}>
                  {`${i + 1}. ${t.participant(e.from)} → ${t.participant(e.to)}  ${e.packet.type}${'packetId' in e.packet && e.packet.packetId !== undefined ? ` ${e.packet.packetId}` : ''}${e.retransmission ? ` (${t.inspector.retransmission})` : ''}`}
                </option>
              ))}
            </select>
          </div>
          <p className="packet-meta">
            <strong>{packet.packet.type}</strong> · {t.inspector.bytes({ n: packet.bytes.length })}
          </p>
          <HexView bytes={packet.bytes} fields={dissection.fields} />
          <FieldTable fields={dissection.fields} />
        </>
      )}
    </section>
  );
}
