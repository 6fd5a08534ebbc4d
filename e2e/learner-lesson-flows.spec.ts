/** A learner picks the lesson's five QoS pairs from the controls and sees each flow, packet for packet. */
import { test, expect } from '@playwright/test';
import { LabPage } from './support/lab-page';

const flows = [
  { pub: 0, sub: 0, has: ['publisher → broker PUBLISH', 'broker → subscriber PUBLISH'], not: ['PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP'] },
  { pub: 1, sub: 1, has: ['publisher → broker PUBLISH 1', 'broker → publisher PUBACK 1', 'broker → subscriber PUBLISH 1', 'subscriber → broker PUBACK 1'], not: ['PUBREC'] },
  { pub: 2, sub: 2, has: ['broker → publisher PUBREC 1', 'publisher → broker PUBREL 1', 'broker → publisher PUBCOMP 1',
    'subscriber → broker PUBREC 1', 'broker → subscriber PUBREL 1', 'subscriber → broker PUBCOMP 1'], not: ['PUBACK'] },
  // Downgrade: QoS 2 with the publisher, QoS 0 to the subscriber.
  { pub: 2, sub: 0, has: ['broker → publisher PUBREC 1', 'publisher → broker PUBREL 1', 'broker → publisher PUBCOMP 1', 'broker → subscriber PUBLISH'],
    not: ['subscriber → broker PUBREC', 'broker → subscriber PUBREL', 'subscriber → broker PUBCOMP', 'PUBACK'] },
  { pub: 0, sub: 2, has: ['publisher → broker PUBLISH', 'broker → subscriber PUBLISH'], not: ['PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP'] },
] as const;

for (const flow of flows) {
  test(`Publisher QoS ${flow.pub} / Subscriber QoS ${flow.sub} shows the lesson's flow`, async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open();
    await lab.setQos('publisher', flow.pub);
    await lab.setQos('subscriber', flow.sub);
    await expect(page.getByLabel('Scenario', { exact: true })).toHaveValue(`pub${flow.pub}-sub${flow.sub}`);
    await lab.toEnd();
    const packets = await lab.packets();
    for (const p of flow.has) expect(packets.some((x) => x.startsWith(p)), `${p} in ${packets.join(' | ')}`).toBe(true);
    for (const p of flow.not) expect(packets.some((x) => x.includes(p)), `no ${p} in ${packets.join(' | ')}`).toBe(false);
    const arrows = await lab.visibleArrows();
    expect(arrows.filter((a) => a.startsWith('PUBLISH'))).toHaveLength(2);
    await expect(lab.outcome).toContainText(flow.pub === 0 || flow.sub === 0 ? 'at most once' : flow.pub === 2 && flow.sub === 2 ? 'exactly once' : 'at least once');
    lab.expectNoErrors();
  });
}
