/** The test's hands and eyes on the task pane and on the stand-in workbook in the page. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Where the page finds axe-core (answered by the test's route in browser.ts, never by the server). */
export const AXE_PATH = '/__test/axe.min.js';

/** The element the Excel stand-in draws its workbook in (left out of the accessibility check). */
const STAND_IN_HOST = '#fake-excel';

/** What axe-core reports of one violation, short enough to read in a failed assertion. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

export interface UnitScope {
  /** The "Trước 1/7/2025" switch: search units in force on 2025-06-30 instead of today */
  before?: boolean;
  level?: 'PROVINCE' | 'DISTRICT' | 'COMMUNE';
}

/** A cell as the stand-in's driver shows it (test/stand-in/driver.ts). */
export interface CellView {
  value: unknown;
  /** What the cell shows (Range.text). */
  text: string;
  formula: string | null;
  fill: string | null;
  /** The number format ("General" when none). */
  format: string;
  prompt: { title: string; message: string } | null;
}

export class Pane {
  constructor(
    readonly page: Page,
    readonly errors: string[],
  ) {}

  byId(id: string) {
    return this.page.getByTestId(id);
  }

  /** Waits until no job is running, then fails on an error notice. */
  async idle(): Promise<void> {
    await this.page.waitForFunction(
      () => document.querySelector('[data-testid=workbench]')?.getAttribute('data-running') === 'false',
      undefined,
      { timeout: 30_000 },
    );
    const error = this.page.getByTestId('notice-error');
    if (await error.count()) throw new Error(`The task pane reported an error: ${await error.innerText()}`);
  }

  /** Clicks, waits for the job it starts to have started (the pane counts them), then for it to finish. */
  async act(id: string): Promise<void> {
    const started = () => this.byId('workbench').getAttribute('data-jobs-started').then(Number);
    const before = await started();
    await this.byId(id).click();
    await this.page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid=workbench]')?.getAttribute('data-jobs-started')) > n,
      before,
      { timeout: 30_000 },
    );
    await this.idle();
  }

  async connect(token: string): Promise<void> {
    await this.byId('token').fill(token);
    await this.byId('connect').click();
    await this.byId('connected-as').waitFor({ timeout: 15_000 });
  }

  /**
   * Sets a unit picker's "Trước 1/7/2025" switch (before the 2025 reorganisation) and, when the
   * picker offers one, its level (Tỉnh / Huyện / Xã).
   */
  async unitScope(testId: string, scope: UnitScope): Promise<void> {
    const before = this.byId(`${testId}-before`);
    if ((await before.isChecked()) !== (scope.before ?? false)) await before.click();
    if (scope.level) await this.byId(`${testId}-level-${scope.level}`).check();
  }

  /**
   * Types a diacritic-free name into a unit search box and picks the option containing `pick`;
   * `scope` sets the date switch and the level first (districts exist only before 1 July 2025).
   */
  async pickUnit(testId: string, search: string, pick: string, scope?: UnitScope): Promise<void> {
    if (scope) await this.unitScope(testId, scope);
    await this.byId(testId).click();
    await this.byId(testId).fill(search);
    const option = this.page.getByRole('option', { name: new RegExp(pick) }).first();
    await option.waitFor({ timeout: 10_000 });
    await option.click();
  }

  /** The options a unit search offers (after its answer arrived): their texts, in order. */
  async unitOptions(testId: string, search: string, scope: UnitScope, expectFirst: string): Promise<string[]> {
    await this.unitScope(testId, scope);
    await this.byId(testId).click();
    await this.byId(testId).fill(search);
    await this.page
      .getByRole('option', { name: new RegExp(expectFirst) })
      .first()
      .waitFor({ timeout: 10_000 });
    const texts = await this.page.getByRole('option').allInnerTexts();
    await this.page.keyboard.press('Escape');
    return texts;
  }

  async type(sheet: string, address: string, value: string | number): Promise<void> {
    await this.page.evaluate(([s, a, v]) => (window as any).__excel.type(s, a, v), [sheet, address, value] as const);
  }

  async cell(sheet: string, address: string): Promise<CellView> {
    return this.page.evaluate(([s, a]) => (window as any).__excel.cell(s, a), [sheet, address] as const);
  }

  async grid(sheet: string): Promise<unknown[][]> {
    return this.page.evaluate((s) => (window as any).__excel.grid(s), sheet);
  }

  async sheets(): Promise<
    {
      id: string;
      name: string;
      visibility: string;
      tables: { name: string; address: string }[];
      pivots: any[];
      hidden: number[];
      frozen: number;
      protected: boolean;
    }[]
  > {
    return this.page.evaluate(() => (window as any).__excel.sheets());
  }

  async resultStates(): Promise<Record<string, string>> {
    return this.page.$$eval('[data-testid=result-item]', (els) =>
      Object.fromEntries(els.map((e) => [e.getAttribute('data-cell'), e.getAttribute('data-state')])),
    );
  }

  async fills(sheet: string, addresses: string[]): Promise<Record<string, string | null>> {
    const out: Record<string, string | null> = {};
    for (const a of addresses) out[a] = (await this.cell(sheet, a)).fill;
    return out;
  }

  async shot(dir: string | null, name: string): Promise<void> {
    if (!dir) return;
    await this.page.waitForTimeout(100); // let the stand-in redraw the sheet
    await this.page.screenshot({ path: `${dir}/${name}.png` });
  }

  /**
   * Runs axe-core (WCAG 2.x A/AA rules and best practices) on the pane as it is now and fails on
   * any serious or critical violation; `state` names the moment in the failure message.
   */
  async expectAccessible(state: string): Promise<void> {
    if (!(await this.page.evaluate(() => 'axe' in window)))
      await this.page.addScriptTag({ url: new URL(AXE_PATH, this.page.url()).href });
    // Judge the pane at rest: the pointer off it (a button left under it after a click shows its
    // hover colour), two frames for transitions to start, then those transitions done — Fluent fades
    // colours between states (a button enabled again when a job ends, hover out), and the contrast to
    // judge is of what settles, not of a frame half-way.
    // Finite animations too: a dialog fades in (its button's colours blend with the backdrop until
    // it is done); an indeterminate progress bar's animation never ends and is not waited for.
    await this.page.mouse.move(1, 1);
    await this.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await this.page.waitForFunction(() =>
      document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
    );
    const violations: AxeViolation[] = await this.page.evaluate(async (host) => {
      const axe = (window as any).axe;
      // Tabster's (Fluent's focus manager's) sentinels are focusable and aria-hidden on purpose: they
      // pass focus on at once, and would be noise to a screen reader. A known false positive of
      // aria-hidden-focus (https://github.com/microsoft/tabster/issues/288), left out of the check.
      // The in-page Excel stand-in draws its sheets beside the pane; it is the test's, not the product's.
      const context = { exclude: [['[data-tabster-dummy]'], [host]] };
      const r = await axe.run(context, { resultTypes: ['violations'] });
      return r.violations
        .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
        .map((v: any) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.slice(0, 5).map((n: any) => `${n.target.join(' ')} — ${n.failureSummary}`),
        }));
    }, STAND_IN_HOST);
    expect(violations, `accessibility of the pane: ${state}`).toEqual([]);
  }

  /**
   * Holds every GraphQL request whose document contains `marker` until the returned release is
   * called: a long pull or push, frozen mid-way, to look at (and cancel) while it runs.
   */
  async hold(marker: string): Promise<{ held: Promise<void>; release: () => void }> {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let arrived!: () => void;
    const held = new Promise<void>((r) => (arrived = r));
    await this.page.route('**/graphql', async (route) => {
      if (!(route.request().postData() ?? '').includes(marker)) return route.fallback();
      arrived();
      await gate;
      await route.fallback().catch(() => undefined); // the page may have given up on it (cancelled)
    });
    return { held, release };
  }

  expectNoPageErrors(): void {
    expect(this.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  }
}
