/**
 * What a learner sees while stepping: the diagram up to the current step and nothing after it,
 * the current step marked. A step moves a cover and a band over the SVG (reveal.ts); these
 * tests check the picture (where the cover and the band are), not only the SVG's classes.
 */
import { test, expect, type Locator } from '@playwright/test';
import { LabPage } from './support/lab-page';

/** Arrows revealed so far (once the SVG's own classes have caught up with the cover). */
async function revealed(lab: LabPage): Promise<number> {
  await expect(lab.diagram).toHaveAttribute('data-synced', 'true');
  return lab.diagram.locator('svg [data-et="message"]:not(.seq-future)').count();
}

async function box(l: Locator): Promise<{ top: number; bottom: number }> {
  const b = await l.boundingBox();
  if (!b) throw new Error('not laid out');
  return { top: b.y, bottom: b.y + b.height };
}

test('after each step the arrows so far are in view and the next one is under the cover', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.choosePreset('pub2-sub2');
  const arrows = lab.diagram.locator('svg [data-et="message"]');
  const cover = lab.diagram.locator('.seq-cover');
  const band = lab.diagram.locator('.seq-band');
  for (let step = 1; step <= 8; step++) {
    await lab.step();
    const shown = await revealed(lab);
    expect(shown).toBeGreaterThan(0);
    const coverTop = (await box(cover)).top;
    // Every revealed arrow is above the cover; the first hidden one is below its top.
    expect((await box(arrows.nth(shown - 1))).bottom).toBeLessThanOrEqual(coverTop + 1);
    if (shown < (await arrows.count())) expect((await box(arrows.nth(shown))).top).toBeGreaterThanOrEqual(coverTop - 1);
    // The band marks the current step: it spans the element marked current.
    const current = await box(lab.diagram.locator('svg .seq-current').first());
    const b = await box(band);
    expect(b.top).toBeLessThanOrEqual(current.top + 1);
    expect(b.bottom).toBeGreaterThanOrEqual(current.bottom - 1);
  }
  // Back hides the last arrow again under the cover.
  const before = await revealed(lab);
  await lab.back();
  const after = await revealed(lab);
  expect(after).toBeLessThan(before);
  expect((await box(arrows.nth(after))).top).toBeGreaterThanOrEqual((await box(cover)).top - 1);
  lab.expectNoErrors();
});
