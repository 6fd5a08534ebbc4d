/** A number input that lets the learner type freely and commits only valid values. */
import { useState } from 'react';

interface Props {
  id: string; label: string; ariaLabel?: string; value: number | undefined; min: number; max: number; step?: number;
  /** A short explanation (tooltip), and the id of an element that says it on screen. */
  title?: string; describedBy?: string;
  /** Suggested values, offered by the browser as a list (the field still takes any valid number). */
  suggestions?: readonly number[];
  onCommit(value: number): void;
  /** An optional value: an empty field commits "none" (the placeholder says what that means). */
  onClear?(): void;
  placeholder?: string;
}

export function NumberField({ id, label, ariaLabel, value, min, max, step = 1, title, describedBy, suggestions, onCommit, onClear, placeholder }: Props) {
  const shownText = (v: number | undefined) => (v === undefined ? '' : String(v));
  const [text, setText] = useState(shownText(value));
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(shownText(value));
  }
  function change(next: string) {
    setText(next);
    const n = Number(next);
    if (next.trim() === '' && onClear && value !== undefined) onClear();
    else if (next.trim() !== '' && Number.isFinite(n) && n >= min && n <= max && n !== value) onCommit(n);
  }
  return (
    <div className="field inline">
      <label htmlFor={id} title={title}>{label}</label>
      <input id={id} aria-label={ariaLabel} type="number" inputMode="numeric" min={min} max={max} step={step} value={text}
        title={title} placeholder={placeholder} aria-describedby={describedBy} list={suggestions ? `${id}-list` : undefined}
        onChange={(e) => change(e.target.value)} onBlur={() => setText(shownText(value))} />
      {suggestions && <datalist id={`${id}-list`}>{suggestions.map((v) => <option key={v} value={v} />)}</datalist>}
    </div>
  );
}
