/** describeChoice reads a plan's choice values back as data for the page to put into words. */
import { describe, expect, it } from 'vitest';
import { describeChoice } from './choice';

describe('describeChoice', () => {
  it('reads each kind of value', () => {
    expect(describeChoice('nextPacket', 'PUBLISH@publisher>broker DUP')).toEqual({ kind: 'packet', type: 'PUBLISH', from: 'publisher', to: 'broker', dup: true });
    expect(describeChoice('nextPacket', 'PUBACK@broker>publisher')).toEqual({ kind: 'packet', type: 'PUBACK', from: 'broker', to: 'publisher', dup: false });
    expect(describeChoice('deliveries', '2')).toEqual({ kind: 'count', count: 2 });
    expect(describeChoice('packets', '14')).toEqual({ kind: 'count', count: 14 });
    expect(describeChoice('fate', 'duplicated')).toEqual({ kind: 'fate', fate: 'duplicated' });
    expect(describeChoice('qos', '0')).toEqual({ kind: 'qos', qos: 0 });
  });

  it('gives null for a value that is no choice of that kind', () => {
    expect(describeChoice('qos', '3')).toBeNull();
    expect(describeChoice('fate', 'twice')).toBeNull();
    expect(describeChoice('deliveries', '-1')).toBeNull();
    expect(describeChoice('nextPacket', 'PUBLISH')).toBeNull();
  });
});
