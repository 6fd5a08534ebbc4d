import { describe, expect, it } from 'vitest';
import type { Trace, TraceEvent } from '../sim/trace';
import { nextStop, previousStop, snapToStep, stepEnds, stepNumber } from './steps';

const ev = (kind: TraceEvent['kind']) => ({ kind }) as TraceEvent;
// 0 decision, 1 packetSent, 2 packetDelivered, 3 decision, 4 packetSent, 5 appDeliver, 6 note
const trace = { participants: [], events: ['decision', 'packetSent', 'packetDelivered', 'decision', 'packetSent', 'appDeliver', 'note'].map((k) => ev(k as TraceEvent['kind'])) } as Trace;

describe('steps', () => {
  it('a step ends at each packet sent or dropped, lost connection or delivery, and at the last event', () => {
    expect(stepEnds(trace)).toEqual([1, 4, 5, 6]);
  });
  it('Step then Back returns to the same cursor', () => {
    const ends = stepEnds(trace);
    expect(nextStop(ends, -1)).toBe(1);
    expect(nextStop(ends, 1)).toBe(4);
    expect(previousStop(ends, 4)).toBe(1);
    expect(previousStop(ends, 1)).toBe(-1);
    expect(nextStop(ends, 6)).toBe(6);
  });
  it('counts and snaps', () => {
    const ends = stepEnds(trace);
    expect(stepNumber(ends, -1)).toBe(0);
    expect(stepNumber(ends, 4)).toBe(2);
    expect(snapToStep(ends, 2)).toBe(4);
    expect(snapToStep(ends, 99)).toBe(6);
    expect(snapToStep(ends, -1)).toBe(-1);
  });
});
