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

  it('--deny-publish: a 3.1.1 client gets the usual PUBACK and PUBREC..PUBCOMP (MQTT-3.3.5-2), and nothing is forwarded', async () => {
    const cli = runCli(['--port', '0', '--host', '127.0.0.1', '--deny-publish', 'secret/#']);
    await until(() => /listening on 127\.0\.0\.1:\d+/.test(cli.output()), 'the listening line');
    expect(cli.output()).toMatch(/listening on 127\.0\.0\.1:\d+ \(.*publishing refused to "secret\/#"\)/);
    const port = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(cli.output())?.[1]);
    const sub = await mqttJs(port, { clientId: 'cli-watch' });
    await sub.client.subscribeAsync('#', { qos: 2 });
    const pub = await mqttJs(port, { clientId: 'cli-v311' });
    // Both resolve: in 3.1.1 the broker cannot say no, so it acknowledges as if accepted.
    await pub.client.publishAsync('secret/plan', 'qos 1', { qos: 1 });
    await pub.client.publishAsync('secret/plan', 'qos 2', { qos: 2, retain: true });
    await pub.client.publishAsync('public/news', 'allowed', { qos: 1 });
    expect((await sub.waitFor(1)).map((m) => m.topic)).toEqual(['public/news']);
    await until(() => /cli-watch <- broker\s+PUBLISH/.test(cli.output()), 'the forwarded PUBLISH line');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const pubLines = cli.output().split('\n').filter((l) => / cli-v311 /.test(l)).map((l) => l.replace(/^\S+\s+cli-v311\s+/, '').split(/\s+/).slice(0, 3).join(' '));
    expect(pubLines.slice(2)).toEqual([
      '-> broker PUBLISH', '<- broker PUBACK', // secret/plan QoS 1
      '-> broker PUBLISH', '<- broker PUBREC', '-> broker PUBREL', '<- broker PUBCOMP', // secret/plan QoS 2
      '-> broker PUBLISH', '<- broker PUBACK', // public/news
    ]);
    expect(sub.received.map((m) => m.topic)).toEqual(['public/news']);
    const late = await mqttJs(port, { clientId: 'cli-late' });
    await late.client.subscribeAsync('secret/#', { qos: 1 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(late.received).toEqual([]); // nor retained
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  }, 15_000);

  it('--maximum-qos, --no-retain and --server-keep-alive are announced in a 5.0 CONNACK and in the listening line', async () => {
    const cli = runCli(['--port', '0', '--host', '127.0.0.1', '--maximum-qos', '1', '--no-retain', '--server-keep-alive', '30']);
    await until(() => /listening on 127\.0\.0\.1:\d+/.test(cli.output()), 'the listening line');
    expect(cli.output()).toMatch(/\(MQTT 3\.1\.1 and 5\.0, QoS 2 method B, Maximum QoS 1, Retain Available 0, Server Keep Alive 30 s\)/);
    const port = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(cli.output())?.[1]);
    const client = await mqttJs(port, { clientId: 'cli-limits', protocolVersion: 5, keepalive: 60 });
    expect(client.connack.properties).toMatchObject({ maximumQoS: 1, retainAvailable: false, serverKeepAlive: 30 });
    const v311 = await mqttJs(port, { clientId: 'cli-limits-311' });
    expect((await v311.client.subscribeAsync('lab/limits', { qos: 2 })).map((g) => g.qos)).toEqual([2]); // 3.1.1: not affected
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  }, 15_000);

  it('--help names every option', async () => {
    const cli = runCli(['--help']);
    expect(await cli.exited).toBe(0);
    for (const option of ['--port', '--host', '--ws-port', '--method', '--quiet', '--deny-subscribe', '--deny-publish', '--maximum-qos', '--no-retain', '--server-keep-alive']) {
      expect(cli.output()).toContain(option);
    }
    expect(cli.output()).toMatch(/MQTT-3\.3\.5-2/);
  }, 15_000);

  for (const [args, line] of [
    [['--deny-publish', 'a/#/b'], 'broker: --deny-publish "a/#/b" is not a valid topic filter: misplaced \'#\' in "a/#/b"'],
    [['--maximum-qos', '3'], 'broker: --maximum-qos must be 0, 1 or 2, not "3"'],
    [['--server-keep-alive', '65536'], 'broker: --server-keep-alive must be a whole number of seconds 0..65535, not "65536"'],
    [['--server-keep-alive=-1'], 'broker: --server-keep-alive must be a whole number of seconds 0..65535, not "-1"'],
    [['--no-retain=yes'], "broker: Option '--no-retain' does not take an argument"],
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
