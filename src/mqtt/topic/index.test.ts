import { describe, expect, it } from 'vitest';
import { isValidTopicFilter, isValidTopicName, topicFilterProblem, topicMatches, topicNameProblem } from './index';

describe('topic names and filters', () => {
  it('MQTT-4.7.3-1: names and filters are at least one character long', () => {
    expect(topicNameProblem('')?.rule).toBe('MQTT-4.7.3-1');
    expect(topicFilterProblem('')?.rule).toBe('MQTT-4.7.3-1');
  });

  it('MQTT-4.7.3-2: no null character', () => {
    expect(topicNameProblem('a\u0000b')?.rule).toBe('MQTT-4.7.3-2');
    expect(topicFilterProblem('a/\u0000')?.rule).toBe('MQTT-4.7.3-2');
  });

  it('MQTT-4.7.3-3: at most 65535 bytes of UTF-8', () => {
    expect(topicNameProblem('é'.repeat(32768))?.rule).toBe('MQTT-4.7.3-3');
    expect(isValidTopicName('a'.repeat(65535))).toBe(true);
  });

  it('MQTT-3.3.2-2 / MQTT-4.7.1-1: wildcards are not allowed in topic names', () => {
    for (const t of ['a/+', '#', 'a/#', 'sport+']) expect(isValidTopicName(t), t).toBe(false);
    for (const t of ['a', 'a/b', '/', 'a//b', '$SYS/x', ' ']) expect(isValidTopicName(t), t).toBe(true);
  });

  it('MQTT-4.7.1-2: # stands alone in the last level', () => {
    for (const f of ['#', 'a/#', '/#', '+/#']) expect(isValidTopicFilter(f), f).toBe(true);
    for (const f of ['a#', 'a/#/b', '#/a', 'a/b#']) expect(topicFilterProblem(f)?.rule, f).toBe('MQTT-4.7.1-2');
  });

  it('MQTT-4.7.1-3: + occupies a whole level', () => {
    for (const f of ['+', '+/+', 'a/+/b', '/+']) expect(isValidTopicFilter(f), f).toBe(true);
    for (const f of ['a+', 'a/+b', '++']) expect(topicFilterProblem(f)?.rule, f).toBe('MQTT-4.7.1-3');
  });

  it('matches + for one level and # for any number of levels, including the parent', () => {
    expect(topicMatches('sport/tennis/+', 'sport/tennis/player1')).toBe(true);
    expect(topicMatches('sport/tennis/+', 'sport/tennis/player1/ranking')).toBe(false);
    expect(topicMatches('sport/#', 'sport')).toBe(true);
    expect(topicMatches('sport/#', 'sport/tennis/player1')).toBe(true);
    expect(topicMatches('sport/+', 'sport')).toBe(false);
    expect(topicMatches('sport/+', 'sport/')).toBe(true);
    expect(topicMatches('+/+', '/finance')).toBe(true);
    expect(topicMatches('/+', '/finance')).toBe(true);
    expect(topicMatches('+', '/finance')).toBe(false);
    expect(topicMatches('#', 'a/b/c')).toBe(true);
    expect(topicMatches('a/b', 'a/b')).toBe(true);
    expect(topicMatches('a/b', 'a/b/c')).toBe(false);
  });

  it('MQTT-4.7.2-1: a leading wildcard does not match a topic starting with $', () => {
    expect(topicMatches('#', '$SYS/broker')).toBe(false);
    expect(topicMatches('+/monitor/Clients', '$SYS/monitor/Clients')).toBe(false);
    expect(topicMatches('$SYS/#', '$SYS/monitor/Clients')).toBe(true);
    expect(topicMatches('$SYS/monitor/+', '$SYS/monitor/Clients')).toBe(true);
  });

  it('MQTT-4.7.3-4: no normalisation: case, spaces and unicode forms are distinct', () => {
    expect(topicMatches('ACCOUNTS', 'Accounts')).toBe(false);
    expect(topicMatches('a b', 'a b')).toBe(true);
    expect(topicMatches('a', 'a ')).toBe(false);
    expect(topicMatches('caf\u00e9', 'cafe\u0301')).toBe(false);
  });
});
