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
  const child = spawn(process.execPath, [join(root, 'bin/mqtt-qos-lab.mjs'), 'broker', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
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

  it('--deny-subscribe (repeatable) refuses overlapping filters with 0x80, shown at startup and in the SUBACK line', async () => {
    const cli = runCli(['--port', '0', '--host', '127.0.0.1', '--deny-subscribe', 'secret/#', '--deny-subscribe', 'admin/+']);
    await until(() => /listening on 127\.0\.0\.1:\d+/.test(cli.output()), 'the listening line');
    expect(cli.output()).toMatch(/listening on 127\.0\.0\.1:\d+ \(.*SUBACK 0x80 for filters overlapping "secret\/#" "admin\/\+"\)/);
    const port = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(cli.output())?.[1]);
    const client = await mqttJs(port, { clientId: 'cli-deny' });
    const granted = await new Promise<number[] | undefined>((resolve) => {
      client.client.subscribe({ 'secret/x': { qos: 1 }, 'public/x': { qos: 1 }, 'admin/y': { qos: 0 }, '#': { qos: 2 } },
        (_err, _granted, packet) => resolve(packet?.granted as number[] | undefined));
    });
    expect(granted).toEqual([128, 1, 128, 128]);
    await until(() => cli.output().includes('SUBACK'), 'the SUBACK line');
    expect(cli.output()).toMatch(/cli-deny <- broker\s+SUBACK\s+id=\d+ granted=0x80,1,0x80,0x80\n/);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  }, 15_000);

  for (const [args, line] of [
    [['--deny-subscribe', 'a/#/b'], 'broker: --deny-subscribe "a/#/b" is not a valid topic filter: misplaced \'#\' in "a/#/b"'],
    [['--deny-subscribe', ''], 'broker: --deny-subscribe "" is not a valid topic filter: empty topic'],
    [['--port', '0', '--deny-subscribe'], "broker: Option '--deny-subscribe <value>' argument missing"],
  ] as const) {
    it(`exits 2 with one line for ${JSON.stringify(args.join(' '))}`, async () => {
      const cli = runCli([...args]);
      expect(await cli.exited).toBe(2);
      expect(cli.output().trim().split('\n')).toEqual([line]);
    }, 15_000);
  }

  it('--ws-port also serves MQTT over WebSocket, said in the listening line', async () => {
    const cli = runCli(['--port', '0', '--ws-port', '0', '--host', '127.0.0.1']);
    await until(() => /listening on 127\.0\.0\.1:\d+ and ws:\/\/127\.0\.0\.1:\d+/.test(cli.output()), 'the listening line');
    const wsPort = Number(/ws:\/\/127\.0\.0\.1:(\d+)/.exec(cli.output())?.[1]);
    const client = await mqttJs(wsPort, { clientId: 'cli-ws', protocol: 'ws', path: '/mqtt' });
    await client.client.subscribeAsync('lab/ws', { qos: 1 });
    await client.client.publishAsync('lab/ws', 'over ws', { qos: 1 });
    expect((await client.waitFor(1)).map((m) => m.text)).toEqual(['over ws']);
    await until(() => cli.output().includes('cli-ws <- broker  PUBACK') || /cli-ws <- broker\s+PUBACK/.test(cli.output()), 'the PUBACK line');
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  }, 15_000);

  it('exits 2 with one line on a bad --ws-port', async () => {
    const cli = runCli(['--port', '1883', '--ws-port', '1883']);
    expect(await cli.exited).toBe(2);
    expect(cli.output().trim().split('\n')).toEqual(['broker: --ws-port must differ from --port (both 1883)']);
  }, 15_000);

  it('exits 2 with one line on a bad option', async () => {
    const cli = runCli(['--port', 'eighty']);
    expect(await cli.exited).toBe(2);
    expect(cli.output().trim().split('\n')).toEqual(['broker: --port must be a whole number 0..65535, not "eighty"']);
  }, 15_000);
});
