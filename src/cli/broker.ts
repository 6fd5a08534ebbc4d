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
 */
import { parseArgs } from 'node:util';
import { topicFilterProblem } from '../mqtt/topic';
import { startTcpBroker } from '../node/tcp-broker';
import { formatTraceLine } from '../node/trace-line';

const USAGE = [
  'usage: npm run -s broker -- [--port N] [--host 127.0.0.1] [--ws-port N] [--method A|B] [--quiet] [--deny-subscribe FILTER]...',
  '  --ws-port N              also serve MQTT over WebSocket on port N (ws://HOST:N, subprotocol mqtt)',
  '  --deny-subscribe FILTER  SUBACK 0x80 for any requested filter that could receive a topic FILTER matches',
  '                           (deny secret/# refuses secret/x, secret/+/y, # and +/x; grants public/x); repeatable',
].join('\n');

interface BrokerArgs { port: number; wsPort?: number; host: string; method: 'A' | 'B'; quiet: boolean; help: boolean; denySubscribe: string[] }

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
        'deny-subscribe': { type: 'string', multiple: true },
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
  const denySubscribe = values['deny-subscribe'] ?? [];
  for (const filter of denySubscribe) {
    const problem = topicFilterProblem(filter);
    if (problem) throw new Error(`--deny-subscribe ${JSON.stringify(filter)} is not a valid topic filter: ${problem.message}`);
  }
  return { port, wsPort, host, method, quiet: values.quiet ?? false, help: values.help ?? false, denySubscribe };
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
      port: args.port, wsPort: args.wsPort, host: args.host, broker: { qos2Method: args.method, refusedFilters: args.denySubscribe },
      onTrace: args.quiet ? undefined : (event) => process.stdout.write(`${formatTraceLine(event)}\n`),
    });
  } catch (e) {
    const ports = args.wsPort === undefined ? `${args.port}` : `${args.port} (ws ${args.wsPort})`;
    process.stderr.write(`broker: cannot listen on ${args.host}:${ports}: ${(e as Error).message}\n`);
    process.exit(1);
  }
  const denied = args.denySubscribe.length === 0 ? ''
    : `, SUBACK 0x80 for filters overlapping ${args.denySubscribe.map((f) => JSON.stringify(f)).join(' ')}`;
  const ws = broker.wsPort === undefined ? '' : ` and ws://${broker.host}:${broker.wsPort}`;
  process.stdout.write(`MQTT QoS Lab broker listening on ${broker.host}:${broker.port}${ws} (MQTT 3.1.1 and 5.0, QoS 2 method ${args.method}${denied})\n`);
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
