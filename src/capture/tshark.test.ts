/**
 * Wireshark opens our captures (issue #16): tshark reads the pcapng of every preset and decodes
 * exactly the MQTT packets the trace shows as sent, in order, with the same type, QoS, packet id
 * and DUP flag; it finds nothing malformed, no error and no TCP analysis problem (lost or
 * unseen segments, retransmissions, duplicate ACKs ...): the only warnings allowed are the RSTs
 * where the lab broke a connection.
 *
 * tshark comes from Debian: src/capture/ensure-tshark.sh installs it before the unit tests (as
 * root, with apt). Without it this file is skipped, and says so on one line.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../sim/lab';
import { findPreset, PRESETS } from '../sim/scenarios/presets';
import type { PacketSentEvent, Trace } from '../sim/trace';
import { captureOrigin, toPcapng } from './to-pcapng';
import { disconnectTrace } from './traces.test-support';

const installed = spawnSync('tshark', ['--version']).status === 0;
if (!installed) console.log('tshark not installed: the Wireshark check of the exported captures is skipped (src/capture/ensure-tshark.sh installs it as root)');

/** MQTT control packet types as tshark's mqtt.msgtype numbers them (MQTT 3.1.1 table 2.1; 15 is 5.0's AUTH). */
const TYPE_CODE: Record<string, number> = {
  CONNECT: 1, CONNACK: 2, PUBLISH: 3, PUBACK: 4, PUBREC: 5, PUBREL: 6, PUBCOMP: 7, SUBSCRIBE: 8, SUBACK: 9,
  UNSUBSCRIBE: 10, UNSUBACK: 11, PINGREQ: 12, PINGRESP: 13, DISCONNECT: 14, AUTH: 15,
};
/** tshark's expert severities (epan/proto.h): warning, error. */
const WARN = 0x00600000;
const ERROR = 0x00800000;
/** Joins several values of one field; no field we read contains it. */
const SEP = '\x1e';

/** One MQTT packet as "type qos packetId dup": qos and dup only for a PUBLISH, as tshark shows them. */
function expected(e: PacketSentEvent): string {
  const p = e.packet;
  const id = 'packetId' in p && p.packetId !== undefined ? String(p.packetId) : '';
  return p.type === 'PUBLISH' ? `3 ${p.qos} ${id} ${p.dup ? 1 : 0}` : `${TYPE_CODE[p.type]}  ${id} `;
}

function tshark(args: string[], command = 'tshark'): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} exited ${code}: ${err.trim()}`))));
  });
}

/** What tshark decodes in a capture: its MQTT packets, and anything it finds wrong. */
async function readWithTshark(file: string): Promise<{ packets: string[]; problems: string[] }> {
  const fields = ['frame.number', 'mqtt.msgtype', 'mqtt.qos', 'mqtt.msgid', 'mqtt.dupflag', '_ws.malformed', 'tcp.analysis.flags',
    '_ws.expert.severity', '_ws.expert.message'];
  const out = await tshark(['-r', file, '-T', 'fields', ...fields.flatMap((f) => ['-e', f]), '-E', 'occurrence=a', '-E', `aggregator=${SEP}`]);
  const packets: string[] = [];
  const problems: string[] = [];
  for (const line of out.split('\n').filter(Boolean)) {
    const [frame, type, qos, id, dup, malformed, analysis, severities, messages] = line.split('\t');
    // One MQTT packet per frame: each is one write, and a long one is decoded on its last segment.
    if (type.includes(SEP)) problems.push(`frame ${frame}: several MQTT packets`);
    if (type) packets.push(`${type} ${qos} ${id} ${dup === '' ? '' : dup === '1' || dup === 'True' ? 1 : 0}`);
    if (malformed) problems.push(`frame ${frame}: malformed`);
    const said = messages.split(SEP);
    if (analysis) problems.push(`frame ${frame}: TCP analysis: ${said.join('; ')}`);
    severities.split(SEP).filter(Boolean).map(Number).forEach((s, i) => {
      if (s >= ERROR || (s >= WARN && said[i] !== 'Connection reset (RST)')) problems.push(`frame ${frame}: ${said[i]}`);
    });
  }
  return { packets, problems };
}

function expectSame(trace: Trace, read: { packets: string[]; problems: string[] }, name: string) {
  expect(read.problems, name).toEqual([]);
  expect(read.packets, name).toEqual(trace.events.filter((e): e is PacketSentEvent => e.kind === 'packetSent').map(expected));
}

describe.skipIf(!installed)('tshark reads the exported captures', () => {
  const dir = installed ? mkdtempSync(join(tmpdir(), 'lab-pcapng-')) : '';
  const exported = (id: string) => {
    const run = runScenario(findPreset(id)!.scenario, { checkpointEvery: 0 });
    const file = join(dir, `${id}.pcapng`);
    writeFileSync(file, toPcapng(run.trace, captureOrigin(run.scenario)));
    return { id, trace: run.trace, file };
  };

  it(`every preset (${PRESETS.length}): the trace's sent packets, in order, nothing malformed or flagged`, async () => {
    const jobs = PRESETS.map((p) => exported(p.id));
    // Two tshark processes at a time (two cores); each takes about 0.3 s.
    for (let i = 0; i < jobs.length; i += 2) {
      const batch = jobs.slice(i, i + 2);
      const reads = await Promise.all(batch.map((j) => readWithTshark(j.file)));
      batch.forEach((j, k) => expectSame(j.trace, reads[k], j.id));
    }
  }, 120_000);

  it('a clean DISCONNECT, closed with FIN: decoded, nothing flagged', async () => {
    const file = join(dir, 'disconnect.pcapng');
    const trace = disconnectTrace();
    writeFileSync(file, toPcapng(trace));
    expectSame(trace, await readWithTshark(file), 'disconnect');
  }, 30_000);

  it('shows the section header comment and the frame comments that keep the capture honest', async () => {
    const { file } = exported('qos2-drop-pubrec-in');
    expect(await tshark(['-k', file], 'capinfos')).toMatch(/Capture comment:\s+Simulated by MQTT QoS Lab, virtual clock.*preset qos2-drop-pubrec-in, seed 1/);
    const comments = await tshark(['-r', file, '-T', 'fields', '-e', 'frame.number', '-e', 'frame.comment', '-Y', 'frame.comment contains "lab"']);
    expect(comments).toMatch(/^(\d+)\tdropped by the lab \(the scenario's drop rule\): the connection broke with this PUBREC in flight/m);
    const dropped = /^(\d+)\tdropped by the lab/m.exec(comments)![1];
    expect(comments).toContain(`the lab broke publisher's connection 1 when the PUBREC in frame ${dropped} was dropped`);
  }, 30_000);
});
