/**
 * The scenario CLI's contract (DESIGN.md): options, the JSON shape, one-line errors and exit
 * codes. Run as a new user would: a child process through tsx.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { parseCli } from './scenario-args';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/scenario.ts', ...args], { encoding: 'utf8', timeout: 30_000 });
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

describe('parseCli', () => {
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
