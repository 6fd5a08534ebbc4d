/** The packet's bytes in hex; a byte under the pointer highlights its field, and the reverse. */
import { memo } from 'react';
import { useLab } from '../store/lab-store';
import { hoverField } from '../store/actions';
import type { Annotation } from '../../worker/inspect';

const MAX_BYTES = 256;

function fieldOf(fields: readonly Annotation[], offset: number): number {
  return fields.findIndex((f) => offset >= f.offset && offset < f.offset + f.length);
}

export const HexView = memo(function HexView({ bytes, fields }: { bytes: Uint8Array; fields: readonly Annotation[] }) {
  const hovered = useLab((s) => s.selection.field);
  const top = hovered === null ? -1 : Number(hovered.split('.')[0]);
  const shown = Array.from(bytes.subarray(0, MAX_BYTES));
  return (
    <div className="hex" aria-label="Packet bytes in hexadecimal" role="group" onMouseLeave={() => hoverField(null)}>
      {shown.map((b, i) => {
        const f = fieldOf(fields, i);
        return (
          <span key={i} className={`byte f${f % 6}${f === top ? ' hot' : ''}`} onMouseEnter={() => hoverField(f >= 0 ? String(f) : null)}>
            {b.toString(16).padStart(2, '0').toUpperCase()}
          </span>
        );
      })}
      {bytes.length > MAX_BYTES && <span className="byte more">… +{bytes.length - MAX_BYTES}</span>}
    </div>
  );
});
