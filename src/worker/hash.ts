/**
 * The scenario <-> URL hash format (`#s=` + lz-string of the scenario's JSON), without
 * validation, so the page's initial JavaScript stays free of zod: the worker validates a
 * scenario when it runs it (share.ts's `scenarioFromHash` does both, for Node and tests).
 */
import LZString from 'lz-string';

const PREFIX = 's=';

export type HashResult = { ok: true; value: unknown } | { ok: false; error: string };

/** `#s=<lz-string>`: the whole run, drops and seed included. */
export function scenarioToHash(scenario: unknown): string {
  return `#${PREFIX}${LZString.compressToEncodedURIComponent(JSON.stringify(scenario))}`;
}

/** The hash's scenario JSON (an empty hash is `{}`, the default scenario), or one readable sentence. */
export function parseScenarioHash(hash: string): HashResult {
  const body = hash.replace(/^#/, '');
  if (body === '') return { ok: true, value: {} };
  if (!body.startsWith(PREFIX)) return { ok: false, error: 'This link does not hold a lab scenario (expected #s=…).' };
  const json = LZString.decompressFromEncodedURIComponent(body.slice(PREFIX.length));
  if (!json) return { ok: false, error: 'This link is damaged: its scenario could not be decompressed.' };
  try {
    return { ok: true, value: JSON.parse(json) as unknown };
  } catch {
    return { ok: false, error: 'This link is damaged: its scenario is not valid JSON.' };
  }
}
