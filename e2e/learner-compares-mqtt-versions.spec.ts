/** A learner switches "MQTT version" and sees what 5.0 adds to the same exchange: reason codes. */
import { test, expect } from '@playwright/test';
import { LabPage } from './support/lab-page';

test('a 5.0 PUBACK says 0x10 when nobody subscribed; 3.1.1 cannot say it', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.choosePreset('v5-puback-no-subscribers');
  const version = page.getByLabel('MQTT version', { exact: true });
  await expect(version).toHaveValue('5');
  await version.selectOption({ label: '5.0' });
  await lab.settled();
  await lab.toEnd();
  expect((await lab.visibleArrows()).some((a) => a.includes('PUBACK') && a.includes('0x10'))).toBe(true);
  // The inspector (the last packet shown) reads the bytes as 5.0: the PUBACK's Reason Code, named.
  expect((await lab.packets()).at(-1)).toBe('broker → publisher PUBACK 1');
  await expect(lab.inspector).toContainText('PUBACK');
  await expect(lab.inspector).toContainText('0x10');

  await version.selectOption({ label: '3.1.1' });
  await lab.settled();
  await lab.toEnd();
  const arrows = await lab.visibleArrows();
  expect(arrows.some((a) => a.includes('PUBACK'))).toBe(true);
  expect(arrows.some((a) => a.includes('0x10'))).toBe(false);
  await expect(lab.inspector).not.toContainText('0x10');
  lab.expectNoErrors();
});

test('5.0 expiry from the page: a queued message expires, and without expiry it is delivered', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.choosePreset('v5-message-expiry');
  await lab.settled();
  await lab.toEnd();
  expect(await lab.outcomeTotal('lost')).toBeGreaterThan(0);
  const expiry = page.getByLabel('Message expiry (s)');
  await expect(expiry).toHaveValue('2');
  await expiry.fill('');
  await lab.settled();
  await lab.toEnd();
  expect(await lab.outcomeTotal('lost')).toBe(0);
  await expect(page).toHaveURL(/#s=/); // the link carries what the page set
  // The subscriber's session, kept for ever unless set: 4294967295 is what 5.0 says for it.
  await expect(page.getByLabel('Subscriber session expiry (s)')).toHaveValue('4294967295');
  // 3.1.1 has neither.
  await page.getByLabel('MQTT version', { exact: true }).selectOption({ label: '3.1.1' });
  await expect(page.getByLabel('Message expiry (s)')).toHaveCount(0);
  lab.expectNoErrors();
});
