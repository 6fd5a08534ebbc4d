/**
 * `npm run fuzz`: 1,000,000 seeded random-byte cases through decode() (and every 10th
 * through the streaming reader). Prints how many were packets, needed more bytes, or were
 * typed rejections, and how many crashed (threw). Exits 1 on any crash.
 * Half the cases start with a plausible fixed header, so the body decoders get exercised too.
 * Usage: npm run fuzz -- [cases] [seed]
 */
import { createReader, decode, feed } from '../mqtt/codec';

const cases = Number(process.argv[2] ?? 1_000_000);
let state = Number(process.argv[3] ?? 0x5eed) >>> 0 || 1;

/** xorshift32: tiny, seeded, the same sequence on every machine. */
function nextByte(): number {
  state ^= state << 13;
  state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5;
  state >>>= 0;
  return state & 0xff;
}

const counts = { packet: 0, needMore: 0, malformed: 0, crash: 0 };
const rules = new Map<string, number>();
const started = performance.now();

for (let i = 0; i < cases; i++) {
  const length = nextByte() % 48;
  const bytes = new Uint8Array(length + 2);
  for (let j = 0; j < bytes.length; j++) bytes[j] = nextByte();
  if (i % 2 === 1) {
    bytes[0] = ((1 + (nextByte() % 14)) << 4) | (nextByte() % 4 === 0 ? nextByte() & 0x0f : bytes[0] & 0b0110 ? 0b0010 : 0);
    bytes[1] = length;
  }
  try {
    const result = decode(bytes);
    counts[result.kind]++;
    if (result.kind === 'malformed') rules.set(result.error.rule, (rules.get(result.error.rule) ?? 0) + 1);
    if (i % 10 === 0) feed(createReader(), bytes);
  } catch (e) {
    counts.crash++;
    if (counts.crash <= 5) console.error(`crash on ${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ')}:`, e);
  }
}

const seconds = (performance.now() - started) / 1000;
console.log(`${cases.toLocaleString('en-US')} cases in ${seconds.toFixed(1)} s`);
console.log(`packets: ${counts.packet}  needMore: ${counts.needMore}  typed rejections: ${counts.malformed}  crashes: ${counts.crash}`);
console.log('rejections by rule:', Object.fromEntries([...rules].sort((a, b) => b[1] - a[1])));
process.exit(counts.crash > 0 ? 1 : 0);
