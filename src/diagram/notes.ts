/**
 * Which note the diagram draws for an event, in the chosen language: engine decisions worth
 * teaching, application publish and delivery, connection loss and reconnect, lost packets,
 * the simulator's own notes. The words come from the catalog (src/i18n, `mermaid` section);
 * this file holds no prose, only the choices. Plain text: the caller escapes.
 *
 * Design: only decisions with a catalog entry get a note; the rest (session created,
 *   subscription granted, ...) is visible in the arrows or the inspector. A key without an
 *   entry draws nothing, so engine keys can be added freely.
 */
import type { ConnectionLossCause, DropCause, Params } from '../sim/trace';
import { lookup, MESSAGES, type Lang, type NoteTemplate } from '../i18n';

const words = (lang: Lang) => MESSAGES[lang].mermaid;

/** Decision keys that announce a retransmission (drawn inside the retransmission highlight). */
export function isResendDecision(key: string): boolean {
  return /^(client|broker)\.resend\.(publish|pubrel)$/.test(key);
}

export function decisionNote(key: string, params: Params, who: string, lang: Lang): string | undefined {
  const w = words(lang);
  if (isResendDecision(key)) return (key.endsWith('pubrel') ? w.resend.pubrel : w.resend.publish)(params);
  return lookup<NoteTemplate>(w.decisions, key)?.(params, who);
}

/** The note for a simulator 'note' event; `who` is its actor's name ('' for a note about the whole run). */
export function simNote(key: string, params: Params, who: string, lang: Lang): string | undefined {
  return lookup<NoteTemplate>(words(lang).simNotes, key)?.(params, who);
}

/** Keys that belong to connection set-up (hidden with the `hideConnectionSetup` option). */
export function isConnectionSetupDecision(key: string): boolean {
  return /^broker\.(session\.created|clientId\.assigned|subscribe\.granted|subscribe\.replaced)$|^client\.resubscribe$/.test(key);
}

export function appPublishNote(publicationNo: number, qos: number, lang: Lang): string {
  return words(lang).appPublish(publicationNo, qos);
}

/**
 * `✓ delivered #1: m1 “21.5 °C”`, `⚠ duplicate: delivered #2 m1 “21.5 °C”`; compact:
 * `✓ delivered: m1`, `⚠ duplicate: m1 ×2` (the payload is in the inspector).
 * Design: no `#` in the compact note. Mermaid sizes a note by its text with each escaped
 * character still encoded (`#35;` and more), so one `#` widens a phone's whole diagram.
 */
export function deliveryNote(deliveryNo: number, publicationNo: number, payload: string, lang: Lang, compact = false): string {
  const w = words(lang);
  const m = publicationNo >= 0 ? `m${publicationNo}` : '';
  if (compact) {
    const which = m || payload;
    return deliveryNo <= 1 ? w.deliveredCompact(which) : w.duplicateCompact(which, deliveryNo);
  }
  const what = [m, payload].filter(Boolean).join(' ');
  return deliveryNo <= 1 ? w.delivered(what) : w.duplicate(what, deliveryNo);
}

export function connectionLostNote(cause: ConnectionLossCause, lang: Lang): string {
  const w = words(lang);
  return w.connectionLost(w.lossCause[cause]);
}

export function reconnectedNote(sessionPresent: boolean, lang: Lang): string {
  return words(lang).reconnected(sessionPresent);
}

export function droppedNote(what: string, cause: DropCause, lang: Lang): string {
  const w = words(lang);
  return w.dropped(what, w.dropCause[cause]);
}

export function hiddenStepsNote(count: number, lang: Lang): string {
  return words(lang).hiddenSteps(count);
}
