/**
 * The broker CLI as a user runs it (`npm run -s broker -- --port N`): a real child process on
 * an ephemeral loopback port, driven by MQTT.js, stopped with SIGINT. Checks the contract of
 * DESIGN.md: one trace line per packet, a clean stop, exit 2 with one line for bad options.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, mqttJs } from './interop.test-support';

const root = join(import.meta.dirname, '..', '..');
const children: ChildProcess[] = [];

afterEach(async () => {
  await closeAll();
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}, 10_000);

function runCli(args: string[]): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/broker.ts'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { output += d.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function until(check: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('npm run -s broker', () => {
  it('prints one trace line per packet for an MQTT.js QoS 2 exchange and stops cleanly on SIGINT', async () => {
    const cli = runCli(['--port', '0', '--host', '127.0.0.1']);
    await until(() => /listening on 127\.0\.0\.1:\d+/.test(cli.output()), 'the listening line');
    const port = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(cli.output())?.[1]);
    const client = await mqttJs(port, { clientId: 'cli-check' });
    await client.client.subscribeAsync('lab/cli', { qos: 2 });
    await client.client.publishAsync('lab/cli', 'hello', { qos: 2 });
    await client.waitFor(1);
    await client.client.endAsync();
    await until(() => cli.output().includes('DISCONNECT'), 'the DISCONNECT line');
    const lines = cli.output().split('\n').filter((l) => /^\d\d:\d\d:\d\d\.\d{3} /.test(l));
    expect(lines.map((l) => l.replace(/^\S+\s+/, '').split(/\s+/).slice(0, 4).join(' '))).toEqual([
      'cli-check -> broker CONNECT', 'cli-check <- broker CONNACK',
      'cli-check -> broker SUBSCRIBE', 'cli-check <- broker SUBACK',
      'cli-check -> broker PUBLISH', 'cli-check <- broker PUBLISH', 'cli-check <- broker PUBREC',
      // The packet ids of the two flows are independent; the order of the rest depends on timing.
      ...lines.slice(7).map((l) => l.replace(/^\S+\s+/, '').split(/\s+/).slice(0, 4).join(' ')),
    ]);
    expect(lines).toHaveLength(13); // CONNECT..SUBACK 4, QoS 2 both ways 8, DISCONNECT 1
    expect(lines[4]).toMatch(/cli-check -> broker\s+PUBLISH\s+id=\d+ qos=2 dup=0 retain=0 topic="lab\/cli"/);
    expect(lines.filter((l) => /PUBREL|PUBCOMP/.test(l))).toHaveLength(4);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  }, 15_000);

  it('exits 2 with one line on a bad option', async () => {
    const cli = runCli(['--port', 'eighty']);
    expect(await cli.exited).toBe(2);
    expect(cli.output().trim().split('\n')).toEqual(['broker: --port must be a whole number 0..65535, not "eighty"']);
  }, 15_000);
});
