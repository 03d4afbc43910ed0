import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  listBindings,
  loadBaseline,
  removeBinding,
  saveBaseline,
  STATE_SHEET,
  type SheetBinding,
} from '../../../addin/src/excel';
import type { Driver } from '../../stand-in';
import { installStandIn } from '../../stand-in';

const binding = (sheetId: string, over: Partial<SheetBinding> = {}): SheetBinding => ({
  sheetId,
  sheetName: `Sheet ${sheetId}`,
  layout: 'term',
  scopeKey: 'term:VGVybToz',
  serverUrl: 'https://chitieu.example/graphql',
  savedAt: '2025-01-01T00:00:00.000Z',
  ...over,
});

describe('baseline storage in a very hidden worksheet (strict Excel stand-in)', () => {
  let excel: Driver;
  beforeEach(() => {
    excel = installStandIn({ apiVersion: '1.4' });
  });
  afterEach(() => excel.uninstall());

  it('round-trips a small baseline and hides its sheet from the user', async () => {
    await saveBaseline(binding('{a}'), '{"f":1,"x":"=SUM(A1)"}');
    expect(excel.sheets().find((s) => s.name === STATE_SHEET)!.visibility).toBe('VeryHidden');
    const back = await loadBaseline({ id: '{a}' });
    expect(back).toMatchObject({
      ok: true,
      text: '{"f":1,"x":"=SUM(A1)"}',
      binding: { layout: 'term', scopeKey: 'term:VGVybToz' },
    });
  });

  it("keeps the sheet's table name; a binding saved before names were kept loads without one", async () => {
    await saveBaseline(binding('{a}', { tableName: 'ChiTieu_Ha_Trung_XXII' }), 'x');
    await saveBaseline(binding('{b}'), 'y');
    expect(await loadBaseline({ id: '{a}' })).toMatchObject({ binding: { tableName: 'ChiTieu_Ha_Trung_XXII' } });
    const old = await loadBaseline({ id: '{b}' });
    expect(old.ok && 'tableName' in old.binding).toBe(false);
    // Same header format (v 1): an add-in from before table names reads the new header too.
    const head = String(excel.grid(STATE_SHEET)[0]![0]);
    expect(JSON.parse(head.slice(2))).toMatchObject({ v: 1, tableName: 'ChiTieu_Ha_Trung_XXII' });
  });

  it('stores a multi-megabyte baseline in ≤ 30,000-character cells, a few syncs per 3 MB', async () => {
    const text = JSON.stringify({
      c: Array.from({ length: 60_000 }, (_, i) => [
        i % 100,
        i % 25,
        String(2000 + (i % 20)),
        i * 1.5,
        1,
        2,
        0,
        i % 7 ? null : 'Ghi chú tiếng Việt',
      ]),
    });
    expect(text.length).toBeGreaterThan(2_000_000);
    const saved = await saveBaseline(binding('{big}'), text);
    const cells = excel.grid(STATE_SHEET).flat().map(String);
    expect(Math.max(...cells.map((c) => c.length))).toBeLessThanOrEqual(30_002);
    expect(Math.max(...excel.state.syncLog.map((s) => s.bytes))).toBeLessThan(4_000_000);
    excel.resetCounters();
    const back = await loadBaseline({ id: '{big}' });
    expect(back.ok && back.text === text).toBe(true);
    console.log(
      `[baseline] ${(text.length / 1e6).toFixed(2)} M chars: ${saved.chunks} cells, save ${saved.syncs} syncs, load ${back.syncs} syncs`,
    );
  });

  it('keeps one column per sheet; a new save replaces the old, others are untouched', async () => {
    await saveBaseline(binding('{a}'), 'A1');
    await saveBaseline(binding('{b}', { layout: 'long', scopeKey: 'long:…' }), 'B1');
    await saveBaseline(binding('{a}'), 'A2');
    expect((await loadBaseline({ id: '{a}' })) as { text: string }).toMatchObject({ text: 'A2' });
    expect((await loadBaseline({ id: '{b}' })) as { text: string }).toMatchObject({ text: 'B1' });
    expect((await listBindings()).map((b) => b.sheetId).sort()).toEqual(['{a}', '{b}']);
    await removeBinding('{a}');
    expect(await loadBaseline({ id: '{a}' })).toMatchObject({ ok: false, reason: 'NOT_BOUND' });
  });

  it('a save that never wrote its header leaves the previous baseline readable', async () => {
    await saveBaseline(binding('{a}'), 'GOOD');
    // Simulate a crash mid-save: pieces in the next column, no header.
    excel.type(STATE_SHEET, 'B2', 'b:HALF-WRITTEN');
    expect(await loadBaseline({ id: '{a}' })).toMatchObject({ ok: true, text: 'GOOD' });
    await saveBaseline(binding('{a}'), 'NEW');
    expect(await loadBaseline({ id: '{a}' })).toMatchObject({ ok: true, text: 'NEW' });
  });

  it('refuses a torn baseline rather than half-reading it', async () => {
    await saveBaseline(binding('{a}'), 'x'.repeat(70_000));
    excel.type(STATE_SHEET, 'A3', 'b:short');
    expect(await loadBaseline({ id: '{a}' })).toMatchObject({ ok: false, reason: 'CORRUPT' });
  });

  it('finds a sheet by name when its id changed', async () => {
    await saveBaseline(binding('{old}', { sheetName: 'Hà Trung XXII' }), 'T');
    expect(await loadBaseline({ id: '{new}', name: 'Hà Trung XXII' })).toMatchObject({
      ok: true,
      text: 'T',
      binding: { sheetId: '{new}' },
    });
  });
});
