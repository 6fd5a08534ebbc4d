/**
 * Real brokers for the live stories (issue #16), as child processes on free 127.0.0.1 ports: ours
 * (`mqtt-qos-lab broker --ws-port`, read from its listening line) and mosquitto with a websockets
 * listener where it is installed. `stopBrokers()` after each test stops every one started.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HOST = '127.0.0.1';

export interface Broker { wsPort: number; output: () => string; stop: () => Promise<void> }

const started: ChildProcess[] = [];

/** Stop every broker started since the last call (after each test). */
export async function stopBrokers(): Promise<void> {
  for (const child of started.splice(0)) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

function run(command: string, args: string[]): { child: ChildProcess; output: () => string } {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { out += d.toString(); });
  return { child, output: () => out };
}

async function until(ready: () => boolean, what: string, ms: number, output: () => string): Promise<void> {
  const start = Date.now();
  while (!ready()) {
    if (Date.now() - start > ms) throw new Error(`no ${what} within ${ms} ms: ${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Our broker (`npm run -s broker -- --ws-port N`) on free loopback ports, read from its listening line. */
export async function ourBroker(): Promise<Broker> {
  const { child, output } = run(process.execPath, ['bin/mqtt-qos-lab.mjs', 'broker', '--port', '0', '--ws-port', '0', '--host', HOST]);
  // The first call may bundle the CLI (bin/mqtt-qos-lab.mjs): seconds, not milliseconds.
  await until(() => /ws:\/\/127\.0\.0\.1:\d+/.test(output()) || child.exitCode !== null, 'listening line', 60_000, output);
  const wsPort = Number(/ws:\/\/127\.0\.0\.1:(\d+)/.exec(output())?.[1]);
  if (!wsPort) throw new Error(`our broker did not start: ${output()}`);
  return { wsPort, output, stop: async () => { child.kill('SIGTERM'); } };
}

/** A port on 127.0.0.1 that nothing listens on (bound, then closed at once). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const MOSQUITTO = ['/usr/sbin/mosquitto', 'mosquitto'].find((cmd) => spawnSync(cmd, ['-h']).error === undefined);

/**
 * mosquitto 2 with a websockets listener, as src/node/mosquitto.test-support.ts starts it: a plain
 * listener too (2.0.11 starts no websockets-only configuration) and `socket_domain ipv4`.
 */
export async function mosquittoBroker(): Promise<Broker | { missing: string }> {
  if (!MOSQUITTO) return { missing: 'mosquitto is not installed (apt-get install mosquitto)' };
  const port = await closedPort();
  let wsPort = await closedPort();
  while (wsPort === port) wsPort = await closedPort();
  const config = join(mkdtempSync(join(tmpdir(), 'lab-e2e-mosquitto-')), 'mosquitto.conf');
  writeFileSync(config, `listener ${port} ${HOST}\nlistener ${wsPort} ${HOST}\nsocket_domain ipv4\nprotocol websockets\nallow_anonymous true\npersistence false\n`);
  const { child, output } = run(MOSQUITTO, ['-c', config]);
  const start = Date.now();
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(wsPort, HOST, () => { socket.destroy(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (open) return { wsPort, output, stop: async () => { child.kill('SIGTERM'); } };
    if (child.exitCode !== null || Date.now() - start > 5000) return { missing: `mosquitto opened no websockets listener: ${output().trim().split('\n').pop()}` };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
