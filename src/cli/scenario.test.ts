/**
 * The scenario CLI's contract (DESIGN.md): options, the JSON shape, one-line errors and exit
 * codes. Run as a new user would: a child process through tsx.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCli } from './scenario-args';

function cli(...args: string[]) {
  return run(undefined, ...args);
}
/** The CLI as `npm run -s scenario` runs it (bin/mqtt-qos-lab.mjs), with `input` on stdin. */
function run(input: string | undefined, ...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/mqtt-qos-lab.mjs', 'scenario', ...args], { encoding: 'utf8', timeout: 60_000, input, maxBuffer: 64 * 2 ** 20 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run -s scenario', () => {
  it('prints the contract JSON: outcome totals and packets with participant names', () => {
    const r = cli('--pub', '1', '--sub', '1', '--drop', 'PUBACK@broker>publisher', '--format', 'json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.outcome).toMatchObject({ published: 1, delivered: 1, duplicates: 1, lost: 0, guaranteeHeld: true });
    const flow = json.packets.filter((p: { type: string }) => ['PUBLISH', 'PUBACK'].includes(p.type));
    expect(flow[0]).toMatchObject({ from: 'publisher', to: 'broker', type: 'PUBLISH', qos: 1, packetId: 1, dup: false, dropped: false });
    expect(flow.find((p: { dropped: boolean }) => p.dropped)).toMatchObject({ from: 'broker', to: 'publisher', type: 'PUBACK' });
    expect(flow.some((p: { dup?: boolean }) => p.dup)).toBe(true);
    for (const p of json.packets) expect(typeof p.t).toBe('number');
  }, 30_000);

  it('prints Mermaid and Markdown that start as GitHub expects', () => {
    expect(cli('--preset', 'pub2-sub0').out).toMatch(/^sequenceDiagram\n/);
    expect(cli('--preset', 'pub2-sub2', '--format', 'markdown').out).toMatch(/^```mermaid\nsequenceDiagram\n[\s\S]*```\n/);
  }, 30_000);

  it('lists the presets', () => {
    const r = cli('--list-presets');
    expect(r.code).toBe(0);
    for (const id of ['pub0-sub0', 'pub1-sub1', 'pub2-sub2', 'pub2-sub0', 'pub0-sub2']) expect(r.out).toContain(id);
  }, 30_000);

  it('rejects a bad option with exit status 2 and one line naming it', () => {
    for (const args of [['--pub', '3'], ['--drop', 'PUBFOO'], ['--bogus']]) {
      const r = cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.out).toBe('');
    }
  }, 60_000);
});

describe('npm run -s scenario: what issue 12 asked of it', () => {
  it('--scenario FILE and - run the JSON a run printed (several publishers and subscribers), the same run again', () => {
    const first = JSON.parse(cli('--preset', 'two-publishers', '--loss', '0.1', '--seed', '3', '--format', 'json').out);
    const dir = mkdtempSync(join(tmpdir(), 'lab-'));
    writeFileSync(join(dir, 'run.json'), JSON.stringify(first));
    writeFileSync(join(dir, 'scenario.json'), JSON.stringify(first.scenario));
    for (const again of [cli('--scenario', join(dir, 'run.json'), '--format', 'json'), cli('--scenario', join(dir, 'scenario.json'), '--format', 'json'),
      run(JSON.stringify(first.scenario), '--scenario', '-', '--format', 'json')]) {
      expect(again.code).toBe(0);
      expect(JSON.parse(again.out)).toEqual(first);
    }
    expect(first.scenario.publishers).toHaveLength(2);
    expect(first.outcome).toMatchObject({ messages: 4, published: 4, lost: 0, settled: true, guaranteeHeld: true, promise: 'atLeastOnce' });
  }, 60_000);

  it('a bad --scenario exits 2 with one line naming the problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ publishers: [{ qos: 3 }] }));
    const cases: [ReturnType<typeof cli>, RegExp][] = [
      [cli('--scenario', join(dir, 'missing.json')), /cannot read .*missing\.json.* \(no such file\)/],
      [run('{"messages": ', '--scenario', '-'), /standard input is not JSON/],
      [run('[1, 2]', '--scenario', '-'), /must hold a JSON object/],
      [cli('--scenario', join(dir, 'bad.json')), /publishers\.0\.qos/],
      [cli('--scenario', join(dir, 'bad.json'), '--preset', 'pub1-sub1'), /use one/],
    ];
    for (const [r, message] of cases) {
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(message);
      expect(r.out).toBe('');
    }
  }, 60_000);

  it('--max-inflight sets every window; a window of 20 at 10 % loss storms, 1 does not', () => {
    const at = (w: string) => JSON.parse(cli('--messages', '20', '--loss', '0.1', '--seed', '1', '--max-inflight', w, '--format', 'json').out);
    const storm = at('20');
    const calm = at('1');
    expect(storm.scenario.publishers[0].maxInflight).toBe(20);
    expect(storm.scenario.subscribers[0].maxInflight).toBe(20);
    expect(storm.outcome.duplicates).toBeGreaterThan(10 * calm.outcome.duplicates);
    expect(cli('--max-inflight', '0').code).toBe(2);
  }, 60_000);

  it('QoS 1 in, QoS 0 out with a lost PUBACK: the summary says nothing was promised, not that a promise held', () => {
    const r = cli('--pub', '1', '--sub', '0', '--drop', 'PUBACK', '--format', 'summary');
    expect(r.out).toMatch(/duplicates 1/);
    expect(r.out).toMatch(/^promise: none/m);
    expect(r.out).toMatch(/^guarantee held: nothing was promised$/m);
    const json = JSON.parse(cli('--pub', '1', '--sub', '0', '--drop', 'PUBACK', '--format', 'json').out);
    expect(json.outcome).toMatchObject({ promise: 'none', settled: true, duplicates: 1 });
  }, 60_000);

  it('a message published before anyone subscribed: the summary says nobody was owed it, not that nothing was published', () => {
    const r = run(JSON.stringify({ subscribers: [{ qos: 1, joinAtMs: 2000 }] }), '--scenario', '-', '--format', 'summary');
    expect(r.out).toMatch(/^guarantee held: not judged: no subscriber was owed the message published$/m);
    expect(cli('--messages', '0', '--format', 'summary').code).not.toBe(0); // a run publishes at least one
  }, 60_000);

  it('the JSON of a long run stays proportionate: at most 5,000 packets listed, the rest counted', () => {
    const r = cli('--pub', '2', '--sub', '2', '--messages', '1000', '--format', 'json');
    const json = JSON.parse(r.out);
    expect(json.packets).toHaveLength(5000);
    expect(json.truncated).toBe(json.outcome.packets - 5000);
    expect(r.out.length).toBeLessThan(3_000_000);
  }, 60_000);

  it('runs as a command: mqtt-qos-lab --help lists scenario and broker; an unknown command exits 2', () => {
    const help = spawnSync(process.execPath, ['bin/mqtt-qos-lab.mjs', '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/scenario[\s\S]*broker/);
    expect(cli('--help').out).toMatch(/--max-inflight/);
    const bad = spawnSync(process.execPath, ['bin/mqtt-qos-lab.mjs', 'nope'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  }, 60_000);
});

describe('npm run -s scenario: the run as a capture (issue 16)', () => {
  const PCAPNG_MAGIC = [0x0a, 0x0d, 0x0d, 0x0a];
  const bytesOf = (...args: string[]) => spawnSync(process.execPath, ['bin/mqtt-qos-lab.mjs', 'scenario', ...args], { timeout: 60_000, maxBuffer: 64 * 2 ** 20 });

  it('--format pcapng writes a pcapng file to a pipe, and the same bytes to --out FILE', () => {
    const piped = bytesOf('--preset', 'qos1-drop-puback-in', '--format', 'pcapng');
    expect(piped.status).toBe(0);
    expect(Array.from(piped.stdout.subarray(0, 4))).toEqual(PCAPNG_MAGIC);
    expect(piped.stdout.length).toBeGreaterThan(1000);
    const file = join(mkdtempSync(join(tmpdir(), 'lab-')), 'run.pcapng');
    const saved = bytesOf('--preset', 'qos1-drop-puback-in', '--format', 'pcapng', '--out', file);
    expect(saved.status).toBe(0);
    expect(saved.stdout.length).toBe(0);
    expect(readFileSync(file)).toEqual(piped.stdout);
  }, 60_000);

  it('--out works for the text formats too', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lab-')), 'run.json');
    expect(cli('--preset', 'pub2-sub2', '--format', 'json', '--out', file).out).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(cli('--preset', 'pub2-sub2', '--format', 'json').out);
  }, 60_000);

  it('an --out that cannot be written exits 2 with one line', () => {
    const r = cli('--format', 'summary', '--out', join(tmpdir(), 'no-such-dir-of-the-lab', 'x.txt'));
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/--out: cannot write .*x\.txt.* \(no such directory\)/);
  }, 30_000);

  // `script` (util-linux) runs the CLI with a terminal as its standard output.
  it.skipIf(!existsSync('/usr/bin/script'))('refuses to write binary to a terminal: one line, exit 2', () => {
    const r = spawnSync('/usr/bin/script', ['-qec', `${process.execPath} bin/mqtt-qos-lab.mjs scenario --format pcapng`, '/dev/null'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stdout.trim()).toBe('scenario: --format pcapng is binary and standard output is a terminal: use --out FILE or a pipe (| tshark -r -)');
  }, 60_000);

  it('--help names --format pcapng and --out', () => {
    expect(cli('--help').out).toMatch(/--format pcapng[\s\S]*--out FILE/);
  }, 30_000);
});

describe('parseCli', () => {
  it('--format pcapng: refused toward a terminal unless --out gives a file; - is standard output', () => {
    expect(() => parseCli(['--format', 'pcapng'], undefined, true)).toThrow(/binary and standard output is a terminal: use --out FILE or a pipe/);
    expect(() => parseCli(['--format', 'pcapng', '--out', '-'], undefined, true)).toThrow(/terminal/);
    expect(parseCli(['--format', 'pcapng'], undefined, false)).toMatchObject({ kind: 'run', format: 'pcapng' });
    expect(parseCli(['--format', 'pcapng', '--out', 'run.pcapng'], undefined, true)).toMatchObject({ format: 'pcapng', out: 'run.pcapng' });
    expect(parseCli(['--format', 'json'], undefined, true).out).toBeUndefined();
    expect(() => parseCli(['--out', ''])).toThrow(/--out needs a file name/);
  });

  it('reads --drop TYPE#N@from>to and stacks repeated drops after a preset', () => {
    const r = parseCli(['--preset', 'pub2-sub2', '--drop', 'PUBREC#2@broker>publisher', '--drop', 'PUBCOMP']);
    expect(r.scenario?.faults).toEqual([
      { kind: 'drop', type: 'PUBREC', nth: 2, from: 'broker', to: 'publisher' },
      { kind: 'drop', type: 'PUBCOMP', nth: 1 },
    ]);
  });
  it('overrides the QoS of a preset and keeps its other settings', () => {
    const r = parseCli(['--preset', 'offline-subscriber', '--sub', '2', '--seed', '9', '--messages', '5']);
    expect(r.scenario).toMatchObject({ subscribers: [{ qos: 2 }], seed: 9, messages: 5, preset: 'offline-subscriber' });
  });
  it('rejects bad values with a sentence naming the option', () => {
    expect(() => parseCli(['--format', 'xml'])).toThrow(/--format must be one of mermaid, markdown, json, summary/);
    expect(() => parseCli(['--loss', 'lots'])).toThrow(/--loss must be a number/);
    expect(() => parseCli(['--loss', '1.5'])).toThrow(/--loss must be between 0 and 0.9/);
    expect(() => parseCli(['--preset', 'nope'])).toThrow(/--preset "nope" is unknown/);
    expect(() => parseCli(['--drop', 'PUBACK@broker'])).toThrow(/drop spec/);
  });
  it('names the field when the scenario itself is invalid', () => {
    expect(() => parseCli(['--messages', '0'])).toThrow(/messages/);
    expect(() => parseCli(['--topic', 'a/+/b'])).toThrow(/topic/);
  });
});

describe('npm run -s scenario -- --capture FILE: a real capture shown like any run (issue 16)', () => {
  const fixture = (name: string) => join('src/capture/__fixtures__', name);
  const oneLine = (r: { code: number | null; err: string; out: string }) => {
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.out).toBe('');
  };

  it('json: the outcome, and packets whose from/to are the client ids and broker; the capture in place of a scenario', () => {
    const r = cli('--capture', fixture('qos2-v311.pcap'), '--format', 'json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.scenario).toBeUndefined();
    expect(json.capture).toMatchObject({ format: 'pcap', mqttConnections: 2, versions: [4], warnings: [] });
    expect(json.outcome).toMatchObject({ published: 2, delivered: 2, duplicates: 0, lost: 0, guaranteeHeld: true, promise: 'exactlyOnce', settled: true });
    expect(new Set(json.packets.flatMap((p: { from: string; to: string }) => [p.from, p.to]))).toEqual(new Set(['lab-pub', 'lab-sub', 'broker']));
    expect(json.packets.find((p: { type: string }) => p.type === 'PUBLISH')).toMatchObject({ from: 'lab-pub', to: 'broker', qos: 2, packetId: 1, dup: false, dropped: false });
    expect(json.packets.map((p: { type: string }) => p.type)).toContain('PUBCOMP');
  }, 30_000);

  it('mermaid and markdown: participants named by client id; hostile topic and payload stay escaped text', () => {
    const m = cli('--capture', fixture('retained-v311.pcapng'));
    expect(m.code).toBe(0);
    expect(m.out).toMatch(/^sequenceDiagram\n/);
    expect(m.out).toContain('participant c_lab_pub as lab-pub\n');
    expect(m.out).toContain('participant c_lab_sub as lab-sub\n');
    expect(m.out).not.toMatch(/<b>|<img|onerror=alert\(1\)>/);
    expect(m.out).toContain('lab/#lt;b#gt;retained#lt;/b#gt;');
    const md = cli('--capture', fixture('qos1-v5.pcap'), '--format', 'markdown', '--lang', 'zh');
    expect(md.out).toMatch(/^```mermaid\nsequenceDiagram\n[\s\S]*participant c_lab_sub as lab-sub[\s\S]*```\n/);
  }, 30_000);

  it('summary: what the file held, the packets and the verdict (a reconnect with its session)', () => {
    const r = cli('--capture', fixture('reconnect-v311-sll.pcap'), '--format', 'summary');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^capture: pcap, \d+ frame\(s\), 3 TCP connection\(s\), 3 MQTT connection\(s\) \(MQTT 3\.1\.1\)/);
    expect(r.out).toMatch(/\nclients: "lab-sub" [\d.:]+ > 127\.0\.0\.1:18883/);
    expect(r.out).toContain('\noutcome: published 1, delivered 1, duplicates 0, lost 0\n');
    expect(r.out).toContain('\nguarantee held: yes\n');
  }, 30_000);

  it('pcapng: written again as a capture the lab reads back to the same packets; - reads standard input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-'));
    const out = join(dir, 'again.pcapng');
    expect(cli('--capture', fixture('qos2-v5.pcapng'), '--format', 'pcapng', '--out', out).code).toBe(0);
    expect([...readFileSync(out).subarray(0, 4)]).toEqual([0x0a, 0x0d, 0x0d, 0x0a]);
    const types = (json: string) => JSON.parse(json).packets.map((p: { from: string; to: string; type: string }) => `${p.from}>${p.to} ${p.type}`);
    const original = types(cli('--capture', fixture('qos2-v5.pcapng'), '--format', 'json').out);
    const stdin = spawnSync(process.execPath, ['bin/mqtt-qos-lab.mjs', 'scenario', '--capture', '-', '--format', 'json'], { input: readFileSync(out), encoding: 'utf8', timeout: 60_000 });
    expect(stdin.status).toBe(0);
    expect(types(stdin.stdout)).toEqual(original);
  }, 60_000);

  it('a file that is not a capture, a truncated one, one without MQTT or none at all: exit 2, one sentence', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-'));
    writeFileSync(join(dir, 'notes.txt'), 'hello, this is not a capture\n');
    writeFileSync(join(dir, 'cut.pcap'), readFileSync(fixture('qos1-v311.pcapng')).subarray(0, 20));
    for (const path of [join(dir, 'notes.txt'), join(dir, 'cut.pcap'), join(dir, 'missing.pcap')]) {
      const r = cli('--capture', path);
      oneLine(r);
      expect(r.err).toMatch(/^scenario: --capture: \S/);
    }
  }, 60_000);

  it('scenario options with --capture are refused by name, exit 2', () => {
    const r = cli('--capture', fixture('qos0-v311.pcap'), '--pub', '1', '--loss', '0.1', '--drop', 'PUBACK');
    oneLine(r);
    expect(r.err).toContain('--pub, --drop, --loss');
    expect(() => parseCli(['--capture', 'x.pcap', '--preset', 'pub1-sub1'])).toThrow(/--capture shows a recorded run: --preset sets up a scenario/);
    expect(parseCli(['--capture', '-', '--format', 'summary', '--lang', 'zh'])).toMatchObject({ kind: 'capture', capture: '-', format: 'summary', lang: 'zh' });
  }, 30_000);

  it('--help says it', () => {
    expect(cli('--help').out).toMatch(/--capture F\s+show a real pcap or pcapng capture/);
  }, 30_000);
});

describe('npm run -s scenario -- --mqtt 3.1.1|5 (issue 15)', () => {
  it('--mqtt 5: every client speaks MQTT 5.0; the JSON says so and shows the 5.0 packets', () => {
    const r = cli('--mqtt', '5', '--sub', '1', '--format', 'json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.scenario.mqttVersion).toBe('5');
    expect(json.outcome).toMatchObject({ published: 1, delivered: 1, lost: 0, guaranteeHeld: true });
    expect(json.packets.filter((p: { type: string }) => p.type === 'PUBACK')).toHaveLength(2);
    const mermaid = cli('--mqtt', '5', '--sub', '1', '--pub', '1').out;
    expect(mermaid).toContain('CONNACK (rc=0x00, session present=0, receive max=65535)');
  });
  it('the default is 3.1.1: printed in the JSON, and the diagram has no 5.0 properties', () => {
    const r = cli('--format', 'json');
    expect(JSON.parse(r.out).scenario.mqttVersion).toBe('3.1.1');
    expect(cli().out).toContain('CONNACK (rc=0 accepted, session present=0)');
  });
  it('a bad --mqtt exits 2 with one line', () => {
    const r = cli('--mqtt', '4');
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toEqual(['scenario: --mqtt must be 3.1.1 or 5, not "4"']);
  });
  it('parseCli: --mqtt 5 (or 5.0) sets mqttVersion; --mqtt 3.1.1 keeps the default', () => {
    expect(parseCli(['--mqtt', '5']).scenario?.mqttVersion).toBe('5');
    expect(parseCli(['--mqtt', '5.0']).scenario?.mqttVersion).toBe('5');
    expect(parseCli(['--mqtt', '3.1.1']).scenario?.mqttVersion).toBe('3.1.1');
    expect(parseCli([]).scenario?.mqttVersion).toBeUndefined();
  });
});
