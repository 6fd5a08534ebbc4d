/**
 * The drop notation of the CLI and the rule builder: `PUBREC` (the first PUBREC),
 * `PUBREC#2` (the second), `PUBACK@broker>publisher` (only in that direction), or both.
 */
import { faultSchema, type DropRule, type Parsed } from './scenario';

const SPEC = /^([A-Z]+)(?:#(\d+))?(?:@([a-z0-9]+)>([a-z0-9]+))?$/;

export function parseDropRule(spec: string): Parsed<DropRule> {
  const m = SPEC.exec(spec.trim());
  if (!m) return { ok: false, error: `drop spec "${spec}" is not TYPE, TYPE#N or TYPE#N@from>to (e.g. PUBREC#2@broker>publisher)` };
  const [, type, nth, from, to] = m;
  const r = faultSchema.safeParse({ kind: 'drop', type, nth: nth ? Number(nth) : 1, from, to });
  if (!r.success) {
    const issue = r.error.issues[0];
    return { ok: false, error: `drop spec "${spec}": ${issue.path.join('.') || 'value'} ${issue.message}` };
  }
  return { ok: true, value: r.data as DropRule };
}

export function formatDropRule(f: DropRule): string {
  return `${f.type}${f.nth !== 1 ? `#${f.nth}` : ''}${f.from && f.to ? `@${f.from}>${f.to}` : ''}`;
}
