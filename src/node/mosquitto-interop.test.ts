/**
 * Interop with mosquitto 2.0.11, the reference broker: its command-line clients (mosquitto_pub,
 * mosquitto_sub) against our broker behind the TCP bridge at QoS 0, 1 and 2 in MQTT 3.1.1 and 5.0,
 * with retained messages, wills, wildcards and persistent sessions; and our client against a real
 * mosquitto. Skipped, with one line saying what to install, where mosquitto is missing
 * (src/node/ensure-mosquitto.sh installs it before the unit tests).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, ourBroker, ourClient, sleep, text, textOf } from './interop.test-support';
import { MOSQUITTO_MISSING, mosquittoBroker, mosquittoClient, mosquittoPub, type MqttVersionFlag } from './mosquitto.test-support';

if (MOSQUITTO_MISSING) console.log(`${MOSQUITTO_MISSING}: skipping src/node/mosquitto-interop.test.ts`);

afterEach(closeAll, 15_000);

const VERSIONS: MqttVersionFlag[] = ['mqttv311', 'mqttv5'];

async function until(check: () => boolean, what: () => string, timeoutMs = 8000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out: ${what()}`);
    await sleep(20);
  }
}

/** A mosquitto_sub on our broker, subscribed (its SUBACK seen on the bridge) before it returns. */
async function subscribed(broker: Awaited<ReturnType<typeof ourBroker>>, id: string, args: string[]) {
  const sub = mosquittoClient('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(broker.port), '-i', id, '-W', '10', ...args]);
  await until(() => broker.trace.some((e) => e.clientId === id && e.packet.type === 'SUBACK'), () => `no SUBACK for ${id}: ${sub.stdout()}`);
  return sub;
}

describe.skipIf(MOSQUITTO_MISSING !== undefined)('mosquitto_pub and mosquitto_sub against our broker', () => {
  for (const version of VERSIONS) {
    for (const qos of [0, 1, 2] as const) {
      it(`-V ${version} at QoS ${qos}: three messages through a wildcard subscription, each once`, async () => {
        const broker = await ourBroker();
        const sub = await subscribed(broker, `sub-${version}-${qos}`, ['-V', version, '-q', String(qos), '-t', 'lab/+/temp', '-C', '3']);
        for (const n of [1, 2, 3]) await mosquittoPub(broker.port, version, ['-i', `pub-${version}-${qos}`, '-q', String(qos), '-t', `lab/room${n}/temp`, '-m', `m${n}`]);
        expect(await sub.exited).toBe(0);
        expect(sub.stdout().trim().split('\n')).toEqual(['m1', 'm2', 'm3']);
        // On the wire: the flow of the QoS asked for on both hops.
        const types = broker.trace.filter((e) => e.clientId === `sub-${version}-${qos}`).map((e) => e.packet.type);
        expect(types.filter((t) => t === 'PUBLISH')).toHaveLength(3);
        expect(types.filter((t) => t === 'PUBACK')).toHaveLength(qos === 1 ? 3 : 0);
        expect(types.filter((t) => t === 'PUBCOMP')).toHaveLength(qos === 2 ? 3 : 0);
      });
    }

    it(`-V ${version}: a retained message reaches a later subscriber, flagged retained`, async () => {
      const broker = await ourBroker();
      await mosquittoPub(broker.port, version, ['-q', '1', '-r', '-t', 'lab/retained', '-m', 'kept']);
      const sub = mosquittoClient('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(broker.port), '-V', version, '-q', '1', '-t', 'lab/retained', '-C', '1', '-W', '10', '-F', '%r %p']);
      expect(await sub.exited).toBe(0);
      expect(sub.stdout().trim()).toBe('1 kept');
    });

    it(`-V ${version}: a client that vanishes has its will published`, async () => {
      const broker = await ourBroker();
      const watcher = await subscribed(broker, `watch-${version}`, ['-V', version, '-q', '1', '-t', 'lab/will', '-C', '1']);
      const doomed = await subscribed(broker, `doomed-${version}`, ['-V', version, '-q', '1', '-t', 'lab/nothing',
        '--will-topic', 'lab/will', '--will-payload', 'gone', '--will-qos', '1']);
      doomed.child.kill('SIGKILL'); // no DISCONNECT: the connection just ends
      expect(await watcher.exited).toBe(0);
      expect(watcher.stdout().trim()).toBe('gone');
    });

    it(`-V ${version}: a persistent session keeps a QoS 1 message for a subscriber that was away`, async () => {
      const broker = await ourBroker();
      const session = version === 'mqttv5' ? ['-x', '300'] : []; // 5.0: the session must outlive the connection
      const first = await subscribed(broker, `durable-${version}`, ['-V', version, '-c', ...session, '-q', '1', '-t', 'lab/durable']);
      first.child.kill('SIGTERM'); // mosquitto_sub sends DISCONNECT and exits
      await first.exited;
      await mosquittoPub(broker.port, version, ['-q', '1', '-t', 'lab/durable', '-m', 'while away']);
      const again = mosquittoClient('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(broker.port), '-i', `durable-${version}`, '-V', version, '-c', ...session,
        '-q', '1', '-t', 'lab/durable', '-C', '1', '-W', '10']);
      expect(await again.exited).toBe(0);
      expect(again.stdout().trim()).toBe('while away');
    });
  }
});

describe.skipIf(MOSQUITTO_MISSING !== undefined)('our client against a real mosquitto 2', () => {
  for (const protocolVersion of [4, 5] as const) {
    it(`MQTT ${protocolVersion === 5 ? '5.0' : '3.1.1'}: QoS 2 both ways through mosquitto, the subscriber gets each message exactly once`, async () => {
      const { port } = await mosquittoBroker();
      const sub = await ourClient(port, { clientId: `ours-sub-${protocolVersion}`, protocolVersion });
      expect(await sub.subscribe([{ topicFilter: 'lab/real/#', qos: 2 }])).toEqual([2]);
      const pub = await ourClient(port, { clientId: `ours-pub-${protocolVersion}`, protocolVersion });
      for (const n of [1, 2]) await pub.publish({ topic: 'lab/real/x', payload: text(`r${n}`), qos: 2, retain: false });
      const got = await sub.waitForDeliveries(2);
      await sleep(50);
      expect(sub.delivered.map((m) => [textOf(m.payload), m.qos])).toEqual([['r1', 2], ['r2', 2]]);
      expect(got).toHaveLength(2);
    });
  }
});
