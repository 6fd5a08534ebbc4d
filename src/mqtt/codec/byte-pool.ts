/**
 * Where encoded packets and decoded payloads get their bytes.
 *
 * Arrays of 65..2,048 bytes are cut, as in Node's Buffer pool, from a shared 8 KiB ArrayBuffer
 * that is never reused (why: see PERFORMANCE.md). Consequences for callers: `bytes.buffer` may
 * hold other packets (never transfer it to a worker, never view it whole; use the array
 * itself), and a structuredClone of one such array copies its 8 KiB slab (once per clone call,
 * however many arrays share it).
 */
const SLAB_BYTES = 8 * 1024;
const POOLED_MAX = 2 * 1024;
const HEAP_MAX = 64;

let slab = new ArrayBuffer(SLAB_BYTES);
let slabPos = 0;

/** A zero-filled array of `size` bytes, owned by the caller alone. */
export function allocBytes(size: number): Uint8Array {
  if (size <= HEAP_MAX || size > POOLED_MAX) return new Uint8Array(size);
  if (slabPos + size > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    slabPos = 0;
  }
  const out = new Uint8Array(slab, slabPos, size);
  slabPos = (slabPos + size + 7) & ~7; // keep the next array 8-byte aligned
  return out;
}

/** A copy of bytes[start, end) that shares nothing with `bytes`. */
export function copyBytes(bytes: Uint8Array, start: number, end: number): Uint8Array {
  if (end - start <= HEAP_MAX) return bytes.slice(start, end);
  const out = allocBytes(end - start);
  out.set(bytes.subarray(start, end));
  return out;
}
