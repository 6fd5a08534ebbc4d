/**
 * The layer rules of eslint.config.js fail a wrong-way import (and let the right ones pass):
 * each case lints one line of code as if it stood in the named file.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => /restricted-imports/.test(m.ruleId ?? '')).map((m) => m.message);
}

describe('layer rules', () => {
  it.each([
    ['src/mqtt/codec/x.ts', "import { World } from '../../sim/world';\nexport const x = World;", /src\/mqtt may not import from sim\//],
    ['src/mqtt/broker/x.ts', "import { createClient } from '../client';\nexport const x = createClient;", /src\/mqtt\/broker may not import from client\//],
    ['src/mqtt/client/x.ts', "import { createBroker } from '../broker';\nexport const x = createBroker;", /src\/mqtt\/client may not import from broker\//],
    ['src/mqtt/session/x.ts', "import { createClient } from '../client';\nexport const x = createClient;", /may not import from client\//],
    ['src/sim/x.ts', "import { toMermaid } from '../diagram/to-mermaid';\nexport const x = toMermaid;", /src\/sim may not import from diagram\//],
    ['src/diagram/x.ts', "import { api } from '../worker/api';\nexport const x = api;", /src\/diagram may not import from worker\//],
    ['src/diagram/x.ts', "import { renderMermaid } from './view/mermaid-render';\nexport const x = renderMermaid;", /src\/diagram may not import from view\//],
    ['src/cli/x.ts', "import { renderMermaid } from '../diagram/view/mermaid-render';\nexport const x = renderMermaid;", /src\/cli may not import from view\//],
    ['src/ui/x.ts', "import { runScenario } from '../sim/lab';\nexport const x = runScenario;", /src\/ui may import only types from src\/sim/],
    ['src/ui/x.ts', "import { brokerStep } from '../mqtt/broker';\nexport const x = brokerStep;", /src\/ui may import only types from src\/mqtt/],
    ['src/i18n/x.ts', "import { toMermaid } from '../diagram/to-mermaid';\nexport const x = toMermaid;", /src\/i18n may not import from diagram\//],
    ['src/i18n/en/x.ts', "import { runScenario } from '../../sim/lab';\nexport const x = runScenario;", /src\/i18n may import only types from src\/sim/],
    ['src/mqtt/x.ts', "import { MESSAGES } from '../i18n';\nexport const x = MESSAGES;", /src\/mqtt may not import from i18n\//],
    ['src/capture/x.ts', "import { brokerStep } from '../mqtt/broker';\nexport const x = brokerStep;", /src\/capture may import types and the codec from src\/mqtt, not its engines/],
    ['src/capture/x.ts', "import { clientStep } from '../mqtt/client/step';\nexport const x = clientStep;", /not its engines/],
    ['src/capture/x.ts', "import { toMermaid } from '../diagram/to-mermaid';\nexport const x = toMermaid;", /src\/capture may not import from diagram\//],
    ['src/capture/x.ts', "import { ExportBar } from '../ui/components/ExportBar';\nexport const x = ExportBar;", /src\/capture may not import from ui\//],
  ])('%s: %s is refused', async (file, code, message) => {
    expect(await problems(file, code)).toEqual([expect.stringMatching(message)]);
  }, 60_000);

  it.each([
    ['src/mqtt/broker/x.ts', "import { offer } from '../session/outbound';\nexport const x = offer;"],
    ['src/ui/x.ts', "import type { LabRun } from '../sim/lab';\nexport type X = LabRun;"],
    ['src/sim/x.ts', "import { brokerStep } from '../mqtt/broker';\nexport const x = brokerStep;"],
    ['src/i18n/x.ts', "import type { DecisionKey } from '../mqtt/decisions';\nexport type X = DecisionKey;"],
    ['src/diagram/x.ts', "import { MESSAGES } from '../i18n';\nexport const x = MESSAGES;"],
    ['src/capture/x.ts', "import type { Trace } from '../sim/trace';\nexport type X = Trace;"],
    ['src/capture/x.ts', "import { decodePacket } from '../mqtt/codec';\nexport const x = decodePacket;"],
    ['src/capture/x.ts', "import type { BrokerState } from '../mqtt/broker';\nexport type X = BrokerState;"],
    ['src/ui/x.ts', "import { toPcapng } from '../capture/to-pcapng';\nexport const x = toPcapng;"],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  }, 60_000);
});
