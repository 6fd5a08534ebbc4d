/**
 * Command-line options of the scenario CLI -> a validated scenario. Every mistake becomes one
 * line that says what was wrong; nothing here prints or exits.
 */
import { parseArgs } from 'node:util';
import { parseDropSpec } from '../sim/fault-spec';
import { parseScenario, type Scenario } from '../sim/scenario';
import { findPreset, PRESETS } from '../sim/scenarios/presets';

export const FORMATS = ['mermaid', 'markdown', 'json', 'summary'] as const;
export type Format = (typeof FORMATS)[number];

export interface CliRequest {
  kind: 'run' | 'listPresets' | 'help';
  scenario?: Scenario;
  format: Format;
  lang: 'en' | 'zh';
}

export const USAGE = `usage: npm run -s scenario -- [--preset NAME] [--pub 0|1|2] [--sub 0|1|2] [--drop SPEC]... [--loss P] [--seed N]
       [--messages N] [--topic T] [--payload TEXT] [--retain] [--method A|B] [--retry reconnect|timeout]
       [--format mermaid|markdown|json|summary] [--lang en|zh] [--list-presets]
  --drop SPEC   PUBREC (the first PUBREC), PUBREC#2 (the second), PUBACK@broker>publisher (one direction only)`;

const OPTIONS = {
  preset: { type: 'string' }, pub: { type: 'string' }, sub: { type: 'string' }, drop: { type: 'string', multiple: true },
  loss: { type: 'string' }, seed: { type: 'string' }, messages: { type: 'string' }, topic: { type: 'string' },
  payload: { type: 'string' }, retain: { type: 'boolean' }, method: { type: 'string' }, retry: { type: 'string' },
  format: { type: 'string' }, lang: { type: 'string' }, 'list-presets': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
} as const;

function qosOf(name: string, value: string): 0 | 1 | 2 {
  if (!/^[012]$/.test(value)) throw new Error(`--${name} must be 0, 1 or 2, not "${value}"`);
  return Number(value) as 0 | 1 | 2;
}

function numberOf(name: string, value: string, integer: boolean): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n))) throw new Error(`--${name} must be ${integer ? 'a whole number' : 'a number'}, not "${value}"`);
  return n;
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) throw new Error(`--${name} must be one of ${allowed.join(', ')}, not "${value}"`);
  return value as T;
}

/** Throws Error with a one-line message for any bad option. */
export function parseCli(argv: string[]): CliRequest {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (e) {
    throw new Error((e as Error).message.split('\n')[0], { cause: e });
  }
  const format = values.format === undefined ? 'mermaid' : oneOf('format', values.format, FORMATS);
  const lang = values.lang === undefined ? 'en' : oneOf('lang', values.lang, ['en', 'zh'] as const);
  if (values.help) return { kind: 'help', format, lang };
  if (values['list-presets']) return { kind: 'listPresets', format, lang };
  let base: Record<string, unknown> = {};
  if (values.preset !== undefined) {
    const preset = findPreset(values.preset);
    if (!preset) throw new Error(`--preset "${values.preset}" is unknown; --list-presets shows the ${PRESETS.length} presets`);
    base = structuredClone(preset.scenario);
  }
  const input: Record<string, unknown> = { ...base };
  const withQos = (key: 'publishers' | 'subscribers', qos: 0 | 1 | 2) => {
    const list = (input[key] as Record<string, unknown>[] | undefined) ?? [{}];
    input[key] = list.map((c) => ({ ...c, qos }));
  };
  if (values.pub !== undefined) withQos('publishers', qosOf('pub', values.pub));
  if (values.sub !== undefined) withQos('subscribers', qosOf('sub', values.sub));
  if (values.loss !== undefined) {
    const loss = numberOf('loss', values.loss, false);
    if (loss < 0 || loss > 0.9) throw new Error(`--loss must be between 0 and 0.9 (a probability per packet), not ${values.loss}`);
    input.link = { ...(input.link as object | undefined), loss };
  }
  if (values.seed !== undefined) input.seed = numberOf('seed', values.seed, true);
  if (values.messages !== undefined) input.messages = numberOf('messages', values.messages, true);
  if (values.topic !== undefined) input.topic = values.topic;
  if (values.payload !== undefined) input.payload = values.payload;
  if (values.retain) input.retain = true;
  if (values.method !== undefined) input.qos2Method = oneOf('method', values.method, ['A', 'B'] as const);
  if (values.retry !== undefined) input.retryMode = oneOf('retry', values.retry, ['reconnect', 'timeout'] as const) === 'timeout' ? 'retryOnTimeout' : 'reconnect';
  const drops = (values.drop ?? []).map((spec) => {
    const r = parseDropSpec(spec);
    if (!r.ok) throw new Error(`--drop: ${r.error}`);
    return r.value;
  });
  input.faults = [...((input.faults as unknown[] | undefined) ?? []), ...drops];
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(`invalid scenario: ${parsed.error}`);
  return { kind: 'run', scenario: parsed.value, format, lang };
}
