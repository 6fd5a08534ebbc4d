/**
 * Real mosquitto 2 for the interop tests: its command-line clients against our broker, and the
 * broker itself for our client. Installed by src/node/ensure-mosquitto.sh before the unit tests;
 * when it is missing the tests that need it are skipped and say so.
 *
 * Rules this file keeps: 127.0.0.1 and free ports only; every process started here is stopped
 * by `closeAll()` (interop.test-support.ts) after each test; every wait is bounded.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOST, onCleanup } from './interop.test-support';

const MOSQUITTO = ['/usr/sbin/mosquitto', 'mosquitto'].find((cmd) => spawnSync(cmd, ['-h']).error === undefined);
const CLIENTS = ['mosquitto_pub', 'mosquitto_sub'].every((cmd) => spawnSync(cmd, ['--help']).error === undefined);

/** Why the mosquitto tests cannot run here, or undefined when they can. */
export const MOSQUITTO_MISSING = MOSQUITTO && CLIENTS ? undefined
  : "mosquitto not installed: run 'sudo apt-get install --no-install-recommends mosquitto mosquitto-clients' (src/node/ensure-mosquitto.sh does it as root)";

export type MqttVersionFlag = 'mqttv311' | 'mqttv5';

export interface Running {
  child: ChildProcess;
  stdout: () => string;
  /** Resolves with the exit code (null when killed). */
  exited: Promise<number | null>;
}

/** Start a mosquitto command-line client (mosquitto_pub or mosquitto_sub); it is killed after the test. */
export function mosquittoClient(command: 'mosquitto_pub' | 'mosquitto_sub', args: string[]): Running {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { out += d.toString(); });
  // 'close', not 'exit': the last lines of stdout may still be on their way when the process exits.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  onCleanup(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  return { child, stdout: () => out, exited };
}

/** Run mosquitto_pub to the end (bounded by -W?/a timeout); rejects with its output when it fails. */
export async function mosquittoPub(port: number, version: MqttVersionFlag, args: string[]): Promise<void> {
  const run = mosquittoClient('mosquitto_pub', ['-h', HOST, '-p', String(port), '-V', version, ...args]);
  const timer = setTimeout(() => run.child.kill('SIGKILL'), 8000);
  const code = await run.exited;
  clearTimeout(timer);
  if (code !== 0) throw new Error(`mosquitto_pub ${args.join(' ')} exited ${code}: ${run.stdout()}`);
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * mosquitto started with `config` (written to a fresh temporary folder), stopped after the test;
 * resolves once `port` accepts connections, or with the log when it exits or 5 s pass first.
 */
async function startMosquitto(config: string, port: number, prefix: string): Promise<{ listening: boolean; log: () => string }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const file = join(dir, 'mosquitto.conf');
  writeFileSync(file, config);
  const child = spawn(MOSQUITTO!, ['-c', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => { log += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { log += d.toString(); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  onCleanup(async () => {
    child.kill('SIGTERM');
    await exited;
  });
  const started = Date.now();
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, HOST, () => { socket.destroy(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (open) return { listening: true, log: () => log };
    if (child.exitCode !== null || Date.now() - started > 5000) return { listening: false, log: () => log };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A real mosquitto 2 broker on a free loopback port, default settings plus anonymous access; stopped after the test. */
export async function mosquittoBroker(): Promise<{ port: number; log: () => string }> {
  if (!MOSQUITTO) throw new Error(MOSQUITTO_MISSING);
  const port = await freePort();
  const { listening, log } = await startMosquitto(`listener ${port} ${HOST}\nallow_anonymous true\npersistence false\n`, port, 'lab-mosquitto-');
  if (!listening) throw new Error(`mosquitto did not listen on ${port}: ${log()}`);
  return { port, log };
}

/**
 * A real mosquitto 2 broker with a websockets listener (MQTT over WebSocket, as a page reaches it)
 * beside its plain one, both on free loopback ports; stopped after the test. Resolves with
 * `missing` (one line) when mosquitto is not installed or was built without websockets.
 * Design: mosquitto 2.0.11 starts no websockets-only configuration ("Unable to start any
 *   listening sockets"), hence the plain listener too; and its libwebsockets binds [::] unless
 *   told `socket_domain ipv4`, which keeps the websockets listener on 127.0.0.1.
 */
export async function mosquittoWebSocketBroker(): Promise<{ port: number; wsPort: number; log: () => string } | { missing: string }> {
  if (!MOSQUITTO) return { missing: MOSQUITTO_MISSING ?? 'mosquitto not installed' };
  const port = await freePort();
  let wsPort = await freePort();
  while (wsPort === port) wsPort = await freePort();
  const { listening, log } = await startMosquitto(`listener ${port} ${HOST}\nlistener ${wsPort} ${HOST}\nsocket_domain ipv4\nprotocol websockets\n`
    + 'allow_anonymous true\npersistence false\n', wsPort, 'lab-mosquitto-ws-');
  if (listening) return { port, wsPort, log };
  const lines = log().trim().split('\n');
  const why = lines.filter((l) => /error|websocket/i.test(l)).pop() ?? lines.pop() ?? 'no output';
  return { missing: `mosquitto did not open a websockets listener: ${why.replace(/^\d+: /, '') || 'no output'}` };
}
