/**
 * Issue 16: a learner imports a real capture (tcpdump, Wireshark) and the lab shows it like any
 * run: participants named by client id, Step and Back, the inspector's real bytes, the outcome.
 * Settings and drops are disabled while it is shown; a file that is not a capture is one sentence
 * and the run stays; topics and payloads with markup inject nothing.
 */
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { LabPage } from './support/lab-page';

const FIXTURES = 'src/capture/__fixtures__';

/** Import a file through the "Import capture" button, as a learner does (the file chooser). */
async function importCapture(page: Page, name: string, buffer: Buffer = readFileSync(`${FIXTURES}/${name}`)): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import capture', exact: true }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/octet-stream', buffer });
}

const actors = (lab: LabPage) => lab.diagram.locator('svg text.actor').allTextContents();

test('a QoS 2 capture is shown like a run: client ids, Step and Back, the bytes, the outcome; drops disabled', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open('./#');
  const hashBefore = await page.evaluate(() => window.location.hash);
  await importCapture(page, 'qos1-v311.pcapng');
  await importCapture(page, 'qos2-v5.pcapng');
  await expect(page.getByRole('note')).toContainText('qos2-v5.pcapng');
  await expect(page.getByRole('note')).toContainText(/pcapng, \d+ frames, 2 MQTT connections \(MQTT 5\.0\), 24 MQTT packets/);
  await expect.poll(() => actors(lab)).toEqual(expect.arrayContaining(['lab-pub', 'Broker', 'lab-sub']));

  await lab.step();
  await expect(lab.stepCounter).toHaveAttribute('data-cursor', /^\d+$/);
  // CONNECT: fixed header 0x10, then its length; MQTT 5.0's protocol level 5 in the bytes.
  await expect(lab.inspector.locator('.hex .byte').first()).toHaveText('10');
  await expect(lab.narration).toContainText('lab-sub');
  await lab.step(3);
  await lab.back();
  await lab.toEnd();
  await expect(lab.outcome.locator('.verdict')).toHaveAttribute('data-verdict', 'true');
  await expect(lab.outcome.locator('[data-promise]')).toHaveAttribute('data-promise', 'exactlyOnce');
  await expect(lab.outcome.locator('.totals')).toContainText('2');

  // A recorded run: no drops, no settings, no link.
  await expect(lab.button('Drop next packet')).toBeDisabled();
  await expect(page.getByLabel('Publisher QoS', { exact: true })).toBeDisabled();
  await expect(page.getByLabel('Loss rate', { exact: true })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Copy link', exact: true })).toHaveCount(0);
  await expect(page.locator('.panel.state')).toContainText('no engine ran');
  await page.waitForTimeout(400);
  expect(await page.evaluate(() => window.location.hash)).toBe(hashBefore);

  // Choosing a scenario is the way back to the lab.
  await lab.choosePreset('pub1-sub1');
  await expect(page.getByRole('note')).toHaveCount(0);
  await expect(lab.button('Drop next packet')).toBeEnabled();
  await expect.poll(() => actors(lab)).toEqual(expect.arrayContaining(['Publisher', 'Broker', 'Subscriber']));
  expect(lab.errors).toEqual([]);
});

test('markup in a capture\'s topic and payload shows as text and injects nothing', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await importCapture(page, 'retained-v311.pcapng');
  await expect.poll(() => actors(lab)).toEqual(expect.arrayContaining(['lab-pub', 'lab-sub']));
  await lab.toEnd();
  await expect(lab.diagram).toHaveAttribute('data-synced', 'true');
  await expect(lab.diagram.locator('svg text.messageText', { hasText: 'lab/<b>retained</b>' }).first()).toBeVisible();
  await expect(lab.diagram.locator('img, script, foreignObject, b, iframe, [onerror]')).toHaveCount(0);
  await expect(page.locator('body img[src="x"], body b, body script:not([src]):not([type])')).toHaveCount(0);
  await expect(lab.narration).not.toContainText('<img');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(lab.errors).toEqual([]);
});

test('a file that is not a capture gets one sentence and the run stays', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  const before = await lab.stepCounter.getAttribute('data-total');
  await importCapture(page, 'notes.pcap', Buffer.from('<img src=x onerror=alert(1)> not a capture'));
  await expect(page.getByRole('alert')).toHaveText(/^Import capture: This file is not a packet capture[^.]*\.\s*Dismiss$/);
  await expect(page.getByRole('note')).toHaveCount(0);
  await expect(lab.stepCounter).toHaveAttribute('data-total', before!);
  await expect(lab.button('Drop next packet')).toBeEnabled();
  await expect.poll(() => actors(lab)).toEqual(expect.arrayContaining(['Publisher', 'Broker', 'Subscriber']));
});

test('in Chinese too: the button says 导入抓包, the note and the way back follow the language', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await page.getByLabel('Language', { exact: true }).selectOption('zh');
  await expect(page.getByRole('button', { name: 'Import capture', exact: true })).toContainText('导入抓包');
  await importCapture(page, 'qos2-v311.pcap');
  await expect(page.getByRole('note')).toContainText('正在显示抓包 qos2-v311.pcap');
  await expect.poll(() => actors(lab)).toEqual(expect.arrayContaining(['lab-pub', 'lab-sub']));
  await page.getByRole('button', { name: '返回实验室' }).click();
  await lab.settled();
  await expect(page.getByRole('note')).toHaveCount(0);
  await importCapture(page, 'cut.pcap', readFileSync(`${FIXTURES}/qos2-v311.pcap`).subarray(0, 40));
  await expect(page.getByRole('alert')).toContainText('导入抓包：');
});
