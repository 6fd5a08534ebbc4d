/**
 * MQTT 5.0 properties (2.2.2): a Property Length (a Variable Byte Integer), then properties,
 * each an identifier (one byte in 5.0) and a value of the identifier's data type.
 *
 *   Property Length | id | value | id | value ...     e.g. PUBLISH with a Topic Alias and a Content Type:
 *                                                      09 | 23 00 01 | 03 00 03 74 78 74
 *
 * Rules kept when reading: the properties fit their length (2.2.2.1) and the Remaining Length;
 * an identifier unknown or not allowed in this packet is a Malformed Packet (2.2.2.2); a
 * property that may appear once appearing twice, a 0/1 Byte holding another value and a 0
 * where 0 is not allowed are Protocol Errors (each property's subsection, e.g. 3.3.2.3.4);
 * a Response Topic is a Topic Name (MQTT-4.7.3-1, MQTT-3.3.2-14); a User Property's strings
 * follow the string rules (MQTT-1.5.7-1). Written in the order the spec lists them; read in
 * any order ("no significance in the order of Properties with different Identifiers").
 */
import type { Properties } from '../types';
import { invariant } from '../errors';
import { hasWildcard } from '../topic';
import type { Notes } from './annotations';
import { Cursor } from './cursor';
import { DecodeFailure, EMPTY_TOPIC_RULE, fail, failVersioned, MALFORMED_PACKET, PROTOCOL_ERROR } from './cursor-failure';
import { propertyById, type PropertyDefinition, type PropertySet } from './property-table';
import { MAX_REMAINING_LENGTH, variableByteIntegerSize, writeVariableByteInteger } from './remaining-length';
import { MAX_STRING_BYTES, utf8Length, writeBinary, writeString } from './utf8';

type PropertyRecord = Record<string, unknown>;

// ---- reading ----

/** Reads the Property Length and the properties; undefined when there are none. */
export function readProperties(c: Cursor, set: PropertySet): Properties | undefined {
  const length = c.vbi('property length');
  if (length === 0) return undefined;
  // MQTT 2.2.2.1: the Property Length counts the properties that follow, inside the packet.
  if (length > c.remaining) fail('MQTT-2.2.2.1', `property length ${length} runs past the remaining length`, MALFORMED_PACKET);
  const end = c.end;
  const shortRule = c.shortRule;
  c.end = c.pos + length;
  c.shortRule = 'MQTT-2.2.2.1';
  const props: PropertyRecord = {};
  while (c.pos < c.end) readProperty(c, set, props);
  c.end = end;
  c.shortRule = shortRule;
  return props as Properties;
}

function readProperty(c: Cursor, set: PropertySet, props: PropertyRecord): void {
  const id = c.vbi('property identifier');
  const def = id < set.byId.length ? set.byId[id] : undefined;
  if (def === undefined) {
    // MQTT 2.2.2.2: an identifier that is not valid for its packet type is a Malformed Packet.
    const known = propertyById(id);
    fail('MQTT-2.2.2.2', known ? `${known.name} (0x${hex(id)}) is not allowed in ${set.name}` : `unknown property identifier 0x${hex(id)}`, MALFORMED_PACKET);
  }
  const value = readValue(c, def, set);
  if (def.repeats) {
    const list = props[def.key] as unknown[] | undefined;
    if (list === undefined) props[def.key] = [value];
    else list.push(value);
    return;
  }
  // The property's subsection: "It is a Protocol Error to include the <property> more than once."
  if (props[def.key] !== undefined) fail(set.ruleOf[def.key]!, `${def.name} more than once in ${set.name}`, PROTOCOL_ERROR);
  props[def.key] = value;
}

function readValue(c: Cursor, def: PropertyDefinition, set: PropertySet): unknown {
  switch (def.type) {
    case 'byte': {
      const value = c.u8(def.name);
      // Every Byte property is 0 or 1; "It is a Protocol Error ... to have a value other than 0 or 1."
      if (value > 1) fail(set.ruleOf[def.key]!, `${def.name} is ${value}, not 0 or 1`, PROTOCOL_ERROR);
      return def.zeroOrOne === 'boolean' ? value === 1 : value;
    }
    case 'twoByteInteger': return checkNonZero(def, set, c.u16(def.name));
    case 'fourByteInteger': return checkNonZero(def, set, c.u32(def.name));
    case 'variableByteInteger': return checkNonZero(def, set, c.vbi(def.name));
    case 'string': {
      const text = c.string(def.name);
      if (def.key === 'responseTopic') checkResponseTopic(text, set);
      return text;
    }
    case 'binary': return c.binary(def.name);
    case 'stringPair': return [pairString(c, 'User Property name'), pairString(c, 'User Property value')];
  }
}

function checkNonZero(def: PropertyDefinition, set: PropertySet, value: number): number {
  if (value === 0 && def.nonZero) {
    // MQTT-3.3.2-8: a Topic Alias of 0 is not permitted; the receiver answers 0x94 Topic Alias invalid (3.3.4).
    if (def.key === 'topicAlias') fail('MQTT-3.3.2-8', 'Topic Alias 0', 0x94);
    // The property's subsection: "It is a Protocol Error ... for it to have the value 0."
    fail(set.ruleOf[def.key]!, `${def.name} is 0`, PROTOCOL_ERROR);
  }
  return value;
}

/** A Response Topic is the Topic Name of a response (3.3.2.3.5). */
function checkResponseTopic(topic: string, set: PropertySet): void {
  // MQTT-4.7.3-1: a Topic Name is at least one character long.
  if (topic.length === 0) failVersioned(EMPTY_TOPIC_RULE, 5, `Response Topic in ${set.name} is empty`);
  // MQTT-3.3.2-14: the Response Topic must not contain wildcard characters.
  if (hasWildcard(topic)) fail('MQTT-3.3.2-14', `Response Topic ${JSON.stringify(topic)} has a wildcard`, PROTOCOL_ERROR);
}

/** One string of a UTF-8 String Pair: a string that breaks the string rules breaks MQTT-1.5.7-1. */
function pairString(c: Cursor, what: string): string {
  try {
    return c.string(what);
  } catch (e) {
    if (e instanceof DecodeFailure && e.error.rule.startsWith('MQTT-1.5.4-')) fail('MQTT-1.5.7-1', e.error.message, MALFORMED_PACKET);
    throw e;
  }
}

// ---- writing ----

/** Bytes of the properties themselves, not counting the Property Length in front. */
export function propertiesSize(props: Properties | undefined, set: PropertySet): number {
  if (props === undefined) return 0;
  let size = 0;
  for (const key in props) {
    const value = (props as PropertyRecord)[key];
    if (value === undefined) continue;
    const def = set.byKey[key as keyof Properties];
    if (def === undefined) invariant(false, `${key} is not a property of ${set.name}`);
    if (def.repeats) {
      invariant(Array.isArray(value), `${key} must be an array`);
      for (const item of value as unknown[]) size += valueSize(def, item);
    } else {
      size += valueSize(def, value);
    }
  }
  invariant(size <= MAX_REMAINING_LENGTH, `${set.name} properties larger than 268,435,455 bytes`);
  return size;
}

/** The Property Length field and the properties together. */
export function propertiesFieldSize(size: number): number {
  return variableByteIntegerSize(size) + size;
}

/** The identifier byte and the value; checks what a decoder would refuse (our own bug, not the peer's). */
function valueSize(def: PropertyDefinition, value: unknown): number {
  switch (def.type) {
    case 'byte':
      invariant(def.zeroOrOne === 'boolean' ? typeof value === 'boolean' : value === 0 || value === 1, `${def.name} must be ${def.zeroOrOne === 'boolean' ? 'a boolean' : '0 or 1'}`);
      return 2;
    case 'twoByteInteger': checkInteger(def, value, 0xffff); return 3;
    case 'fourByteInteger': checkInteger(def, value, 0xffff_ffff); return 5;
    case 'variableByteInteger': checkInteger(def, value, MAX_REMAINING_LENGTH); return 1 + variableByteIntegerSize(value as number);
    case 'string': return 1 + stringSize(def, value);
    case 'binary':
      invariant(value instanceof Uint8Array && value.length <= MAX_STRING_BYTES, `${def.name} must be at most 65,535 bytes`);
      return 3 + value.length;
    case 'stringPair': {
      invariant(Array.isArray(value) && value.length === 2, 'a User Property is a [name, value] pair');
      return 1 + stringSize(def, value[0]) + stringSize(def, value[1]);
    }
  }
}

function checkInteger(def: PropertyDefinition, value: unknown, max: number): void {
  invariant(Number.isInteger(value) && (value as number) >= (def.nonZero ? 1 : 0) && (value as number) <= max,
    `${def.name} must be an integer ${def.nonZero ? 1 : 0}..${max}`);
}

function stringSize(def: PropertyDefinition, value: unknown): number {
  invariant(typeof value === 'string', `${def.name} must be a string`);
  const size = utf8Length(value);
  invariant(size <= MAX_STRING_BYTES, `${def.name} longer than 65,535 bytes`);
  return 2 + size;
}

/** Writes the Property Length (`size`, from propertiesSize) and the properties; returns the next position. */
export function writeProperties(out: Uint8Array, pos: number, props: Properties | undefined, size: number, set: PropertySet): number {
  pos = writeVariableByteInteger(out, pos, size);
  if (size === 0 || props === undefined) return pos;
  for (const def of set.ordered) {
    const value = (props as PropertyRecord)[def.key];
    if (value === undefined) continue;
    if (def.repeats) {
      for (const item of value as unknown[]) pos = writeValue(out, pos, def, item);
    } else {
      pos = writeValue(out, pos, def, value);
    }
  }
  return pos;
}

function writeValue(out: Uint8Array, pos: number, def: PropertyDefinition, value: unknown): number {
  out[pos++] = def.id;
  switch (def.type) {
    case 'byte':
      out[pos] = value === true || value === 1 ? 1 : 0;
      return pos + 1;
    case 'twoByteInteger': {
      const n = value as number;
      out[pos] = n >> 8;
      out[pos + 1] = n & 0xff;
      return pos + 2;
    }
    case 'fourByteInteger': {
      const n = value as number;
      out[pos] = n >>> 24;
      out[pos + 1] = (n >>> 16) & 0xff;
      out[pos + 2] = (n >>> 8) & 0xff;
      out[pos + 3] = n & 0xff;
      return pos + 4;
    }
    case 'variableByteInteger': return writeVariableByteInteger(out, pos, value as number);
    case 'string': return writeString(out, pos, value as string, utf8Length(value as string));
    case 'binary': return writeBinary(out, pos, value as Uint8Array);
    case 'stringPair': {
      const [name, text] = value as [string, string];
      pos = writeString(out, pos, name, utf8Length(name));
      return writeString(out, pos, text, utf8Length(text));
    }
  }
}

// ---- annotating ----

/**
 * Names the Property Length and each property at `notes.pos`, from the bytes themselves
 * (the wire order may differ from ours). Only called on bytes decode() accepted.
 */
export function annotateProperties(notes: Notes, set: PropertySet, lengthField = 'Property length'): void {
  const c = new Cursor().reset(notes.bytes, notes.pos, notes.bytes.length, 5);
  const length = c.vbi('property length');
  notes.add(c.pos - notes.pos, lengthField, 'property-length', `${length} bytes`);
  const end = c.pos + length;
  while (c.pos < end) {
    const id = c.vbi('property identifier');
    const def = set.byId[id]!;
    notes.add(c.pos - notes.pos, 'Property identifier', 'property-identifier', `0x${hex(id)} ${def.name}`);
    annotateValue(c, notes, def);
  }
}

function annotateValue(c: Cursor, notes: Notes, def: PropertyDefinition): void {
  switch (def.type) {
    case 'byte': return notes.u8(def.name, def.explain, String(c.u8(def.name)));
    case 'twoByteInteger': return notes.u16(def.name, def.explain, c.u16(def.name));
    case 'fourByteInteger': return notes.add(4, def.name, def.explain, String(c.u32(def.name)));
    case 'variableByteInteger': {
      const start = c.pos;
      const value = c.vbi(def.name);
      return notes.add(c.pos - start, def.name, def.explain, String(value));
    }
    case 'string': return notes.string(def.name, def.explain, c.string(def.name));
    case 'binary': return notes.binary(def.name, def.explain, c.binary(def.name));
    case 'stringPair':
      notes.string('User Property name', 'user-property-name', c.string('name'));
      return notes.string('User Property value', 'user-property-value', c.string('value'));
  }
}

function hex(n: number): string {
  return n.toString(16).padStart(2, '0');
}
