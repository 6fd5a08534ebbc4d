/**
 * Command-line options of the scenario CLI -> a validated scenario. Every mistake becomes one
 * line that says what was wrong; nothing here prints or exits.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseDropRule } from '../sim/drop-rule';
import { parseScenario, type Scenario } from '../sim/scenario';
import { findPreset, PRESETS } from '../sim/scenarios/presets';
import { LANGS, type Lang } from '../i18n';

export const FORMATS = ['mermaid', 'markdown', 'json', 'summary', 'pcapng'] as const;
export type Format = (typeof FORMATS)[number];
/** Formats that are bytes, not text: never written to a terminal. */
export const BINARY_FORMATS: readonly Format[] = ['pcapng'];

export interface CliRequest {
  kind: 'run' | 'capture' | 'listPresets' | 'help';
  scenario?: Scenario;
  /** kind 'capture': the pcap or pcapng file to show ('-': standard input) */
  capture?: string;
  format: Format;
  lang: Lang;
  /** the file to write instead of standard output */
  out?: string;
}

export const USAGE = `usage: npm run -s scenario -- [--scenario FILE|-] [--preset NAME] [--pub 0|1|2] [--sub 0|1|2] [--drop SPEC]...
       [--loss P] [--seed N] [--messages N] [--max-inflight N] [--topic T] [--payload TEXT] [--retain]
       [--method A|B] [--retry reconnect|timeout] [--mqtt 3.1.1|5] [--format mermaid|markdown|json|summary|pcapng] [--out FILE] [--lang en|zh] [--list-presets]
       npm run -s scenario -- --capture FILE|- [--format ...] [--out FILE] [--lang en|zh]
  --capture F   show a real pcap or pcapng capture (tcpdump, Wireshark) instead of running a scenario, in any
                format; its participants are the client ids and broker. - reads stdin. Scenario options do not apply.
  --scenario F  a scenario as JSON (what --format json prints under "scenario", or that whole object); - reads stdin.
                The other options change it, as they change a preset.
  --drop SPEC   PUBREC (the first PUBREC), PUBREC#2 (the second), PUBACK@broker>publisher (one direction only)
  --max-inflight N  QoS 1/2 messages each client keeps in flight (the broker, toward a subscriber); default 1
  --mqtt V      3.1.1 (default) or 5: the protocol every client speaks (5.0: reason codes, Receive Maximum, expiry)
  --format pcapng   the run as a capture that Wireshark and tshark open (binary: use --out FILE, or a pipe: | tshark -r -)
  --out FILE    write the output to FILE instead of standard output (any format)`;

const OPTIONS = {
  capture: { type: 'string' },
  scenario: { type: 'string' }, 'max-inflight': { type: 'string' }, preset: { type: 'string' }, pub: { type: 'string' }, sub: { type: 'string' }, drop: { type: 'string', multiple: true },
  loss: { type: 'string' }, seed: { type: 'string' }, messages: { type: 'string' }, topic: { type: 'string' },
  payload: { type: 'string' }, retain: { type: 'boolean' }, method: { type: 'string' }, retry: { type: 'string' }, mqtt: { type: 'string' },
  format: { type: 'string' }, out: { type: 'string' }, lang: { type: 'string' }, 'list-presets': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
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

/** The text of a scenario file, or of standard input for '-'. */
function readText(path: string): string {
  return readFileSync(path === '-' ? 0 : path, 'utf8');
}

/** The scenario in a file: a scenario object, or the whole `--format json` output (its `scenario`). */
function scenarioFromFile(path: string, read: (path: string) => string): Record<string, unknown> {
  const name = path === '-' ? 'standard input' : `"${path}"`;
  let text: string;
  try {
    text = read(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(`--scenario: cannot read ${name}${code ? ` (${code === 'ENOENT' ? 'no such file' : code})` : ''}`, { cause: e });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`--scenario: ${name} is not JSON: ${(e as Error).message.replace(/\s+/g, ' ').trim()}`, { cause: e });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`--scenario: ${name} must hold a JSON object (a scenario)`);
  const object = value as Record<string, unknown>;
  const inner = object.scenario;
  return typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? inner as Record<string, unknown> : object;
}

/** Options that set up a scenario: a capture is a recorded run, none of them applies to it. */
const SCENARIO_OPTIONS = ['scenario', 'preset', 'pub', 'sub', 'drop', 'loss', 'seed', 'messages', 'max-inflight',
  'topic', 'payload', 'retain', 'method', 'retry', 'mqtt'] as const;

/** `--capture FILE`: shown as it was recorded, so scenario options are refused, by name. */
function captureRequest(values: Record<string, unknown>, format: Format, lang: Lang, out: string | undefined): CliRequest {
  const capture = values.capture as string;
  if (capture === '') throw new Error('--capture needs a file name (or - for standard input)');
  const given = SCENARIO_OPTIONS.filter((name) => values[name] !== undefined);
  if (given.length > 0) {
    throw new Error(`--capture shows a recorded run: ${given.map((n) => `--${n}`).join(', ')} ${given.length > 1 ? 'set up a scenario and do' : 'sets up a scenario and does'} not apply to it`);
  }
  return { kind: 'capture', capture, format, lang, ...(out !== undefined && { out }) };
}

/**
 * Throws Error with a one-line message for any bad option. `read` reads a --scenario file ('-': stdin);
 * `stdoutIsTerminal`: binary output without --out is refused rather than sprayed over a terminal.
 */
export function parseCli(argv: string[], read: (path: string) => string = readText, stdoutIsTerminal = false): CliRequest {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (e) {
    throw new Error((e as Error).message.split('\n')[0], { cause: e });
  }
  const format = values.format === undefined ? 'mermaid' : oneOf('format', values.format, FORMATS);
  const lang = values.lang === undefined ? 'en' : oneOf('lang', values.lang, LANGS.map((l) => l.id));
  if (values.help) return { kind: 'help', format, lang };
  if (values.out === '') throw new Error('--out needs a file name (or - for standard output)');
  const out = values.out === undefined || values.out === '-' ? undefined : values.out;
  if (values['list-presets']) return { kind: 'listPresets', format, lang, ...(out !== undefined && { out }) };
  if (BINARY_FORMATS.includes(format) && out === undefined && stdoutIsTerminal) {
    throw new Error(`--format ${format} is binary and standard output is a terminal: use --out FILE or a pipe (| tshark -r -)`);
  }
  if (values.capture !== undefined) return captureRequest(values, format, lang, out);
  let base: Record<string, unknown> = {};
  if (values.scenario !== undefined && values.preset !== undefined) throw new Error('--scenario and --preset each give a whole scenario: use one');
  if (values.scenario !== undefined) base = scenarioFromFile(values.scenario, read);
  if (values.preset !== undefined) {
    const preset = findPreset(values.preset);
    if (!preset) throw new Error(`--preset "${values.preset}" is unknown; --list-presets shows the ${PRESETS.length} presets`);
    base = structuredClone(preset.scenario);
  }
  const input: Record<string, unknown> = { ...base };
  /** Sets `field` on every publisher (or subscriber) the scenario has so far. */
  const withAll = (key: 'publishers' | 'subscribers', field: string, value: unknown) => {
    const list = (input[key] as Record<string, unknown>[] | undefined) ?? [{}];
    input[key] = list.map((c) => ({ ...c, [field]: value }));
  };
  if (values.pub !== undefined) withAll('publishers', 'qos', qosOf('pub', values.pub));
  if (values.sub !== undefined) withAll('subscribers', 'qos', qosOf('sub', values.sub));
  if (values['max-inflight'] !== undefined) {
    const n = numberOf('max-inflight', values['max-inflight'], true);
    if (n < 1 || n > 65535) throw new Error(`--max-inflight must be between 1 and 65535, not ${values['max-inflight']}`);
    withAll('publishers', 'maxInflight', n);
    withAll('subscribers', 'maxInflight', n);
  }
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
  if (values.mqtt !== undefined) {
    const v = values.mqtt === '5.0' ? '5' : values.mqtt;
    if (v !== '3.1.1' && v !== '5') throw new Error(`--mqtt must be 3.1.1 or 5, not "${values.mqtt}"`);
    input.mqttVersion = v;
  }
  const drops = (values.drop ?? []).map((spec) => {
    const r = parseDropRule(spec);
    if (!r.ok) throw new Error(`--drop: ${r.error}`);
    return r.value;
  });
  input.faults = [...((input.faults as unknown[] | undefined) ?? []), ...drops];
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(`invalid scenario: ${parsed.error}`);
  return { kind: 'run', scenario: parsed.value, format, lang, ...(out !== undefined && { out }) };
}
