/**
 * A small page DSL for the learner and teacher stories (excalidraw's tests/helpers/ui.ts):
 * every action goes through the controls a person uses, found by role and accessible name.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export type Role = 'publisher' | 'subscriber';

export class LabPage {
  readonly errors: string[] = [];

  constructor(readonly page: Page) {
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') this.errors.push(`${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => this.errors.push(e.message));
  }

  /** Open the lab (optionally at a hash or with a query) and wait until the worker has answered. */
  async open(path = './'): Promise<void> {
    await this.page.goto(path);
    await this.ready();
  }

  async ready(): Promise<void> {
    await expect(this.outcome).toContainText(/\d/, { timeout: 15_000 });
    await expect(this.diagram.locator('svg')).toBeVisible({ timeout: 15_000 });
  }

  get diagram(): Locator { return this.page.getByRole('region', { name: 'Sequence diagram' }); }
  get outcome(): Locator { return this.page.getByRole('region', { name: 'Outcome' }); }
  get inspector(): Locator { return this.page.getByRole('region', { name: 'Packet inspector' }); }
  get narration(): Locator { return this.page.locator('.narration'); }
  get stepCounter(): Locator { return this.page.locator('.playback .progress'); }
  /** A control by its contract name (in Chinese the visible words follow it: `Step 单步`). */
  button(name: string): Locator { return this.page.getByRole('button', { name: new RegExp(`^${name}( |$)`) }); }

  async setQos(role: Role, qos: 0 | 1 | 2): Promise<void> {
    await this.page.getByLabel(role === 'publisher' ? 'Publisher QoS' : 'Subscriber QoS', { exact: true }).selectOption(String(qos));
    await this.settled();
  }

  async choosePreset(id: string): Promise<void> {
    await this.page.getByLabel('Scenario', { exact: true }).selectOption(id);
    await this.settled();
  }

  /** Wait for a re-run to land: the step counter is back at (or kept on) a real run. */
  async settled(): Promise<void> {
    await expect(this.stepCounter).toHaveAttribute('data-total', /^[1-9]/);
    await this.page.waitForFunction(() => !document.querySelector('[data-busy="true"]'));
  }

  async step(times = 1): Promise<void> {
    for (let i = 0; i < times; i++) await this.button('Step').click();
  }
  // Exact: "Back to the lab" (a live run's way out) begins with the same word.
  async back(): Promise<void> { await this.page.getByRole('button', { name: 'Back', exact: true }).click(); }
  async reset(): Promise<void> { await this.button('Reset').click(); }
  async toEnd(): Promise<void> { await this.button('End').click(); }

  async dropNext(): Promise<void> {
    await this.button('Drop next packet').click();
    await this.settled();
  }

  /** Step until a packet of `type` on `from → to` is on the wire, then click it to drop it. */
  async dropOnWire(type: string, from: string, to: string): Promise<void> {
    const chip = this.page.getByRole('button', { name: new RegExp(`^Drop ${type}\\b.*\\(${from} → ${to}\\)$`) });
    for (let i = 0; i < 40 && !(await chip.isVisible()); i++) await this.step();
    await chip.click();
    await this.settled();
  }

  /** Message labels the diagram shows right now (revealed arrows only). */
  async visibleArrows(): Promise<string[]> {
    // A step moves the cover at once; the SVG's own classes follow when the page is idle.
    await expect(this.diagram).toHaveAttribute('data-synced', 'true');
    return this.diagram.locator('svg text.messageText').evaluateAll((els) =>
      els.filter((el) => !el.closest('.seq-future')).map((el) => el.textContent ?? ''));
  }

  /** Every packet sent so far as `from → to TYPE`, from the inspector's packet list. */
  async packets(): Promise<string[]> {
    // The inspector follows a step one painted frame after the diagram (use-painted.ts).
    await expect(this.inspector).toHaveAttribute('data-cursor', (await this.stepCounter.getAttribute('data-cursor')) ?? '');
    const texts = await this.inspector.getByLabel('Packet', { exact: true }).locator('option').allTextContents();
    return texts.map((t) => t.replace(/^\d+\.\s*/, '').replace(/\s+/g, ' ').trim());
  }

  async outcomeTotal(name: 'expected deliveries' | 'delivered' | 'duplicates' | 'lost'): Promise<number> {
    const box = this.outcome.locator('.totals > div').filter({ has: this.page.locator('dt', { hasText: new RegExp(`^${name}$`) }) });
    return Number(await box.locator('dd').innerText());
  }

  expectNoErrors(): void {
    expect(this.errors).toEqual([]);
  }
}
