/**
 * The codec's fields of one packet, each a block: byte range, name and value on one line, the
 * one-line explanation below (readable at any width, a phone's included). Hovering or focusing
 * a field highlights its bytes in the hex view, and the reverse.
 */
import { memo } from 'react';
import { useLab } from '../store/lab-store';
import { hoverField } from '../store/actions';
import { useT } from '../i18n';
import type { Annotation } from '../../worker/inspect';

function Field({ f, id, bit }: { f: Annotation; id: string; bit?: boolean }) {
  const t = useT();
  const hot = useLab((s) => s.selection.field !== null && (s.selection.field === id || s.selection.field === id.split('.')[0]));
  const range = f.length === 0 ? '—' : f.length === 1 ? `${f.offset}` : `${f.offset}–${f.offset + f.length - 1}`;
  const explain = t.fields[f.explain] ?? '';
  return (
    <li className={`${bit ? 'bit' : ''}${hot ? ' hot' : ''}`} tabIndex={0}
      onMouseEnter={() => hoverField(id)} onFocus={() => hoverField(id)} onMouseLeave={() => hoverField(null)} onBlur={() => hoverField(null)}>
      <div className="field-head">
        <span className="range">{bit ? f.mask ?? '' : range}</span>
        <span className="name">{f.field}</span>
        <span className="value">{f.value}</span>
      </div>
      {explain && <p className="explain">{explain}</p>}
    </li>
  );
}

export const FieldTable = memo(function FieldTable({ fields }: { fields: readonly Annotation[] }) {
  const t = useT();
  return (
    <ul className="fields" aria-label={`${t.inspector.field} / ${t.inspector.value}`}>
      {fields.flatMap((f, i) => [
        <Field key={i} f={f} id={String(i)} />,
        ...(f.bits ?? []).map((b, j) => <Field key={`${i}.${j}`} f={b} id={`${i}.${j}`} bit />),
      ])}
    </ul>
  );
});
