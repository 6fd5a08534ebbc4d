/**
 * `npm run -s broker -- --port N [--host 127.0.0.1]`: our broker engine behind a real TCP
 * socket, for mosquitto_pub/sub, MQTT.js or MQTTX. Prints one line per packet on stdout;
 * Ctrl-C or SIGTERM closes the server and every socket and exits 0. Bad options exit 2
 * with one line on stderr.
 */
import { parseArgs } from 'node:util';
import { startTcpBroker } from '../node/tcp-broker';
import { formatTraceLine } from '../node/trace-line';

const USAGE = 'usage: npm run -s broker -- [--port N] [--host 127.0.0.1] [--method A|B] [--quiet]';

interface BrokerArgs { port: number; host: string; method: 'A' | 'B'; quiet: boolean; help: boolean }

function parse(argv: string[]): BrokerArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv, strict: true, allowPositionals: false,
      options: {
        port: { type: 'string' }, host: { type: 'string' }, method: { type: 'string' },
        quiet: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    throw new Error((e as Error).message.split('\n')[0], { cause: e });
  }
  const portText = values.port ?? '1883';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new Error(`--port must be a whole number 0..65535, not "${portText}"`);
  const host = values.host ?? '127.0.0.1';
  if (host.trim() === '') throw new Error('--host must not be empty');
  const method = values.method ?? 'B';
  if (method !== 'A' && method !== 'B') throw new Error(`--method must be A or B, not "${method}"`);
  return { port, host, method, quiet: values.quiet ?? false, help: values.help ?? false };
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
      port: args.port, host: args.host, broker: { qos2Method: args.method },
      onTrace: args.quiet ? undefined : (event) => process.stdout.write(`${formatTraceLine(event)}\n`),
    });
  } catch (e) {
    process.stderr.write(`broker: cannot listen on ${args.host}:${args.port}: ${(e as Error).message}\n`);
    process.exit(1);
  }
  process.stdout.write(`MQTT QoS Lab broker listening on ${broker.host}:${broker.port} (MQTT 3.1.1, QoS 2 method ${args.method})\n`);
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
