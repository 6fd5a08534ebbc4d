/**
 * CONFORMANCE-5.md stays honest: every statement it calls proven names a test, and some test
 * under src/ carries that statement's id in its name or body. A row that claims a proof nobody
 * wrote fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return d.name === 'node_modules' ? [] : testFiles(path);
    return /\.test\.ts$/.test(d.name) ? [path] : [];
  });
}

const TESTS = testFiles('src').map((f) => readFileSync(f, 'utf8')).join('\n');
const ROWS = readFileSync('src/mqtt/CONFORMANCE-5.md', 'utf8').split('\n')
  .filter((line) => /^\| MQTT-[0-9.]+-[0-9]+ \|/.test(line))
  .map((line) => line.split('|').map((cell) => cell.trim()))
  .map(([, id, , status, proof]) => ({ id, status, proof }));

describe('CONFORMANCE-5.md', () => {
  it('lists the 251 statements of the specification, each once', () => {
    const listed = ROWS.map((r) => r.id);
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed).toHaveLength(251);
  });

  it.each(ROWS.filter((r) => !/not yet|not applicable/.test(r.status)).map((r) => [r.id, r] as const))('%s: the proof it names exists', (id, row) => {
    expect(row.proof, `${id} is marked ${row.status} but names no test`).not.toBe('');
    expect(TESTS, `no test under src/ mentions ${id}`).toMatch(new RegExp(`${id.replace(/\./g, '\\.')}(?![0-9])`));
  });
});
