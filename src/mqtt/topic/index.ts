/**
 * Topic names and topic filters (MQTT 3.1.1 section 4.7): validation and matching.
 *
 * Rules this file keeps:
 * - Topic names never contain wildcards (MQTT-3.3.2-2, MQTT-4.7.1-1).
 * - `#` stands alone in the last level, `+` fills a whole level (MQTT-4.7.1-2, MQTT-4.7.1-3).
 * - A filter that starts with a wildcard does not match a topic starting with `$` (MQTT-4.7.2-1).
 * - Names and filters are compared as given: no normalisation of any kind (MQTT-4.7.3-4).
 * Pure functions over strings; no state.
 */

/** Why a topic name or filter is invalid, as a normative id and an English reason; undefined when valid. */
export interface TopicProblem { rule: string; message: string }

const MAX_TOPIC_BYTES = 65535;

function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

function commonProblem(s: string): TopicProblem | undefined {
  // MQTT-4.7.3-1: at least one character long.
  if (s.length === 0) return { rule: 'MQTT-4.7.3-1', message: 'empty topic' };
  // MQTT-4.7.3-2: no null character.
  if (s.includes('\u0000')) return { rule: 'MQTT-4.7.3-2', message: 'null character in topic' };
  // MQTT-4.7.3-3: at most 65535 bytes of UTF-8.
  if (s.length > MAX_TOPIC_BYTES / 3 && utf8Length(s) > MAX_TOPIC_BYTES) {
    return { rule: 'MQTT-4.7.3-3', message: 'topic longer than 65535 bytes' };
  }
  return undefined;
}

/** Whether `s` holds a wildcard character, '+' or '#' (one pass, no builtin call per character). */
export function hasWildcard(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2b || c === 0x23) return true;
  }
  return false;
}

/** The usual topic name: not empty, not near the size limit, no null character, no wildcard. */
function isPlainTopicName(topic: string): boolean {
  if (topic.length === 0 || topic.length > MAX_TOPIC_BYTES / 3) return false;
  for (let i = 0; i < topic.length; i++) {
    const c = topic.charCodeAt(i);
    if (c === 0 || c === 0x2b || c === 0x23) return false;
  }
  return true;
}

/** Checks a topic name as used in PUBLISH. */
export function topicNameProblem(topic: string): TopicProblem | undefined {
  if (isPlainTopicName(topic)) return undefined; // every PUBLISH is checked: settle the usual case in one pass
  const common = commonProblem(topic);
  if (common) return common;
  // MQTT-3.3.2-2 / MQTT-4.7.1-1: wildcards are for filters only.
  if (hasWildcard(topic)) {
    return { rule: 'MQTT-3.3.2-2', message: `wildcard in topic name "${topic}"` };
  }
  return undefined;
}

/** Checks a topic filter as used in SUBSCRIBE and UNSUBSCRIBE. */
export function topicFilterProblem(filter: string): TopicProblem | undefined {
  const common = commonProblem(filter);
  if (common) return common;
  const levels = filter.split('/');
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i] ?? '';
    // MQTT-4.7.1-2: '#' on its own in its level, and the last character of the filter.
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) {
      return { rule: 'MQTT-4.7.1-2', message: `misplaced '#' in "${filter}"` };
    }
    // MQTT-4.7.1-3: '+' occupies an entire level.
    if (level.includes('+') && level !== '+') {
      return { rule: 'MQTT-4.7.1-3', message: `misplaced '+' in "${filter}"` };
    }
  }
  return undefined;
}

export function isValidTopicName(topic: string): boolean {
  return topicNameProblem(topic) === undefined;
}

export function isValidTopicFilter(filter: string): boolean {
  return topicFilterProblem(filter) === undefined;
}

/**
 * Does `filter` match `topic`? Both are assumed valid.
 * `sport/#` matches `sport` too: '#' includes the parent level (MQTT 4.7.1.2).
 */
export function topicMatches(filter: string, topic: string): boolean {
  // A filter without wildcards matches exactly its own text (every level equal, same count).
  if (!hasWildcard(filter)) return filter === topic;
  // MQTT-4.7.2-1: '#' and '+' at the start never match a topic starting with '$'.
  if (topic.startsWith('$') && (filter.startsWith('#') || filter.startsWith('+'))) return false;
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    const level = f[i];
    if (level === '#') return true;
    if (i >= t.length) return false;
    // MQTT-4.7.3-4: compared character by character, no normalisation.
    if (level !== '+' && level !== t[i]) return false;
  }
  return f.length === t.length;
}
