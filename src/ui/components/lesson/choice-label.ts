/** The words of one choice of a question, from its value (src/lesson/FORMAT.md's notation). */
import type { LessonQuestion } from '../../lesson/lesson-types';
import type { Messages } from '../../i18n';

type LessonText = Messages['lesson'];

const PACKET = /^([A-Z]+)@([a-z0-9]+)>([a-z0-9]+)( DUP)?$/;

export function choiceLabel(kind: LessonQuestion['kind'], value: string, t: LessonText, participant: (id: string) => string): string {
  switch (kind) {
    case 'nextPacket': {
      const m = PACKET.exec(value);
      return m ? t.choice.packet({ type: m[1], from: participant(m[2]), to: participant(m[3]), dup: m[4] ? 1 : 0 }) : value;
    }
    case 'deliveries': return t.choice.times({ n: Number(value) });
    case 'fate': return t.choice.fate[value] ?? value;
    case 'qos': return t.choice.qos({ qos: value });
    case 'packets': return t.choice.packets({ n: Number(value) });
  }
}
