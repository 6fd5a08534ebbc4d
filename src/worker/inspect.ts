/**
 * What the packet inspector needs on the main thread: the codec's annotations of one packet's
 * bytes (a Wireshark-style dissection) and a lossy text preview of a payload. The UI imports
 * from src/worker only; this re-export is its door to the codec.
 */
export { annotate, payloadText } from '../mqtt/codec';
export type { Annotation, FieldKey } from '../mqtt/codec';
