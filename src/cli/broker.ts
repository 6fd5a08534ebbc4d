/**
 * `npm run -s broker -- --port N [--host 127.0.0.1] [--ws-port N]`: our broker engine behind a
 * real TCP socket, for mosquitto_pub/sub, MQTT.js or MQTTX, and with `--ws-port` also over
 * WebSocket (subprotocol `mqtt`, as mosquitto's and EMQX's websockets listeners). Prints one line per packet on stdout;
 * Ctrl-C or SIGTERM closes the server and every socket and exits 0. Bad options exit 2
 * with one line on stderr.
 *
 * `--deny-subscribe FILTER` (repeatable) answers 0x80 in the SUBACK for every requested filter
 * that could receive a topic FILTER matches, so no denied topic ever reaches a subscriber:
 * denying `secret/#` refuses `secret/x`, `secret`, `secret/+/y`, and also `#`, `+` and `+/x`;
 * it grants `public/x` and `secret2/x`. The other filters of the same SUBSCRIBE are granted as
 * usual. Denying `$SYS/#` does not refuse `#`, which never receives `$` topics (MQTT-4.7.2-1).
 *
 * `--deny-publish FILTER` (repeatable): nothing published to a topic FILTER matches is forwarded or
 * retained. An MQTT 5.0 client gets PUBACK / PUBREC 0x87 Not authorized (a QoS 2 exchange ends
 * there, no PUBREL); a 3.1.1 client, whose acks carry no code, gets the usual PUBACK / PUBREC ...
 * PUBCOMP as if it were accepted (MQTT-3.3.5-2 allows that or closing; mosquitto does the same).
 * A QoS 0 PUBLISH is dropped either way.
 *
 * MQTT 5.0 limits announced in CONNACK (3.1.1 clients are not affected): `--maximum-qos 0|1|2`
 * (a SUBSCRIBE is granted at most that, a PUBLISH above it is DISCONNECT 0x9B), `--no-retain`
 * (Retain Available 0: a retained PUBLISH is DISCONNECT 0x9A, a retained will CONNACK 0x9A),
 * `--server-keep-alive N` (Server Keep Alive: the client must use N seconds, and the broker
 * closes it after 1.5 x N seconds of silence).
 */
import { parseArgs } from 'node:util';
import { topicFilterProblem } from '../mqtt/topic';
import type { QoS } from '../mqtt/types';
import { startTcpBroker } from '../node/tcp-broker';
import { formatTraceLine } from '../node/trace-line';

const USAGE = [
  'usage: npm run -s broker -- [--port N] [--host 127.0.0.1] [--ws-port N] [--method A|B] [--quiet]',
  '         [--deny-subscribe FILTER]... [--deny-publish FILTER]... [--maximum-qos 0|1|2] [--no-retain] [--server-keep-alive N]',
  '  --ws-port N              also serve MQTT over WebSocket on port N (ws://HOST:N, subprotocol mqtt)',
  '  --deny-subscribe FILTER  SUBACK 0x80 for any requested filter that could receive a topic FILTER matches',
  '                           (deny secret/# refuses secret/x, secret/+/y, # and +/x; grants public/x); repeatable',
  '  --deny-publish FILTER    forward and retain nothing published to a topic FILTER matches; repeatable.',
  '                           MQTT 5.0: PUBACK / PUBREC 0x87 Not authorized (no PUBREL follows). MQTT 3.1.1 acks',
  '                           carry no code: the usual PUBACK / PUBREC, as if accepted (MQTT-3.3.5-2, as mosquitto)',
  'MQTT 5.0 only, announced in CONNACK (3.1.1 clients are not affected):',
  '  --maximum-qos 0|1|2      Maximum QoS: SUBACK grants at most this; a PUBLISH above it gets DISCONNECT 0x9B',
  '  --no-retain              Retain Available 0: a retained PUBLISH gets DISCONNECT 0x9A, a retained will CONNACK 0x9A',
  '  --server-keep-alive N    Server Keep Alive: N seconds (0..65535) replace the client\'s keep alive; silent for',
  '                           1.5 x N seconds, the client is closed',
].join('\n');

interface BrokerArgs {
  port: number; wsPort?: number; host: string; method: 'A' | 'B'; quiet: boolean; help: boolean;
  denySubscribe: string[]; denyPublish: string[]; maximumQoS: QoS; retainAvailable: boolean; serverKeepAliveSec?: number;
}

function portOf(option: string, text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new Error(`${option} must be a whole number 0..65535, not "${text}"`);
  return port;
}

function parse(argv: string[]): BrokerArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv, strict: true, allowPositionals: false,
      options: {
        port: { type: 'string' }, 'ws-port': { type: 'string' }, host: { type: 'string' }, method: { type: 'string' },
        quiet: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
        'deny-subscribe': { type: 'string', multiple: true }, 'deny-publish': { type: 'string', multiple: true },
        'maximum-qos': { type: 'string' }, 'no-retain': { type: 'boolean' }, 'server-keep-alive': { type: 'string' },
      },
    }));
  } catch (e) {
    throw new Error((e as Error).message.split('\n')[0], { cause: e });
  }
  const port = portOf('--port', values.port ?? '1883');
  const wsPort = values['ws-port'] === undefined ? undefined : portOf('--ws-port', values['ws-port']);
  if (wsPort !== undefined && wsPort !== 0 && wsPort === port) throw new Error(`--ws-port must differ from --port (both ${port})`);
  const host = values.host ?? '127.0.0.1';
  if (host.trim() === '') throw new Error('--host must not be empty');
  const method = values.method ?? 'B';
  if (method !== 'A' && method !== 'B') throw new Error(`--method must be A or B, not "${method}"`);
  const denySubscribe = filtersOf('--deny-subscribe', values['deny-subscribe']);
  const denyPublish = filtersOf('--deny-publish', values['deny-publish']);
  const maximumQoS = values['maximum-qos'] ?? '2';
  if (!/^[012]$/.test(maximumQoS)) throw new Error(`--maximum-qos must be 0, 1 or 2, not "${maximumQoS}"`);
  const keepAlive = values['server-keep-alive'];
  if (keepAlive !== undefined && (!/^\d+$/.test(keepAlive) || Number(keepAlive) > 65535)) {
    throw new Error(`--server-keep-alive must be a whole number of seconds 0..65535, not "${keepAlive}"`);
  }
  return {
    port, wsPort, host, method, quiet: values.quiet ?? false, help: values.help ?? false, denySubscribe, denyPublish,
    maximumQoS: Number(maximumQoS) as QoS, retainAvailable: !(values['no-retain'] ?? false),
    ...(keepAlive !== undefined && { serverKeepAliveSec: Number(keepAlive) }),
  };
}

function filtersOf(option: string, filters: string[] = []): string[] {
  for (const filter of filters) {
    const problem = topicFilterProblem(filter);
    if (problem) throw new Error(`${option} ${JSON.stringify(filter)} is not a valid topic filter: ${problem.message}`);
  }
  return filters;
}

/** What the listening line says beyond the defaults. */
function settingsOf(args: BrokerArgs): string {
  const quoted = (filters: string[]) => filters.map((f) => JSON.stringify(f)).join(' ');
  return [
    args.denySubscribe.length > 0 && `, SUBACK 0x80 for filters overlapping ${quoted(args.denySubscribe)}`,
    args.denyPublish.length > 0 && `, publishing refused to ${quoted(args.denyPublish)}`,
    args.maximumQoS < 2 && `, Maximum QoS ${args.maximumQoS}`,
    !args.retainAvailable && ', Retain Available 0',
    args.serverKeepAliveSec !== undefined && `, Server Keep Alive ${args.serverKeepAliveSec} s`,
  ].filter(Boolean).join('');
}

async function main(): Promise<void> {
  let args: BrokerArgs;
  try {
    args = parse(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`broker: ${(e as Error).message}\n`);
    process.exit(2);
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let broker;
  try {
    broker = await startTcpBroker({
      port: args.port, wsPort: args.wsPort, host: args.host,
      broker: {
        qos2Method: args.method, refusedFilters: args.denySubscribe, refusedTopics: args.denyPublish,
        maximumQoS: args.maximumQoS, retainAvailable: args.retainAvailable,
        ...(args.serverKeepAliveSec !== undefined && { serverKeepAliveSec: args.serverKeepAliveSec }),
      },
      onTrace: args.quiet ? undefined : (event) => process.stdout.write(`${formatTraceLine(event)}\n`),
    });
  } catch (e) {
    const ports = args.wsPort === undefined ? `${args.port}` : `${args.port} (ws ${args.wsPort})`;
    process.stderr.write(`broker: cannot listen on ${args.host}:${ports}: ${(e as Error).message}\n`);
    process.exit(1);
  }
  const ws = broker.wsPort === undefined ? '' : ` and ws://${broker.host}:${broker.wsPort}`;
  process.stdout.write(`MQTT QoS Lab broker listening on ${broker.host}:${broker.port}${ws} (MQTT 3.1.1 and 5.0, QoS 2 method ${args.method}${settingsOf(args)})\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: closing\n`);
    void broker.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

await main();
