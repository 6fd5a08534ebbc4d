import { test, expect } from '@playwright/test';
import { LabPage } from './support/lab-page';

test('the page starts the lab worker and renders a sequence diagram without console errors', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await expect(lab.diagram.locator('svg[aria-roledescription="sequence"]')).toBeVisible();
  // The lab as first opened is the default one, not "your changes"; a change names what it is now.
  const scenario = page.getByLabel('Scenario', { exact: true });
  await expect(scenario.locator('option:checked')).toHaveText('Default lab (QoS 1 to QoS 1)');
  await lab.toEnd();
  await expect(lab.diagram).toContainText('PUBLISH');
  await expect(lab.outcome).toContainText('The guarantee held.');
  await lab.setQos('publisher', 2);
  await expect(scenario.locator('option:checked')).toHaveText('Publisher QoS 2 / Subscriber QoS 1');
  lab.expectNoErrors();
});

test('no request leaves the page', async ({ page }) => {
  const outside: string[] = [];
  page.on('request', (r) => { if (!r.url().startsWith('http://127.0.0.1') && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) outside.push(r.url()); });
  const lab = new LabPage(page);
  await lab.open();
  await lab.toEnd();
  expect(outside).toEqual([]);
});
