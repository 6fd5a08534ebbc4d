import { test, expect } from '@playwright/test';

test('the page starts the lab worker and renders a sequence diagram without console errors', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  await expect(page.getByText('Engine: MQTT 3.1.1')).toBeVisible();
  const diagram = page.getByRole('region', { name: 'Sequence diagram' });
  await expect(diagram.locator('svg[aria-roledescription="sequence"]')).toBeVisible();
  await expect(diagram).toContainText('PUBLISH');
  expect(errors).toEqual([]);
});
