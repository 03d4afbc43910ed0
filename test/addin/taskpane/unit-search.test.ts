import { describe, expect, it } from 'vitest';
import type { UnitHit } from '../../../addin/src/api';
import {
  BEFORE_REFORM,
  formatDay,
  levelAvailable,
  parentName,
  searchDate,
  todayIso,
  uniqueById,
  validityLabel,
} from '../../../addin/src/taskpane/unit-search';

const hit = (over: Partial<UnitHit>): UnitHit => ({
  id: 'x',
  code: '00004',
  name: 'Phường Ba Đình',
  level: 'COMMUNE',
  validFrom: null,
  validTo: null,
  district: null,
  province: null,
  ...over,
});

describe('unit picker helpers', () => {
  it('searches today, or on the last day before the reform when the switch is on', () => {
    expect(searchDate(false, '2026-12-01')).toBe('2026-12-01');
    expect(searchDate(true, '2026-12-01')).toBe('2025-06-30');
    expect(BEFORE_REFORM).toBe('2025-06-30');
  });

  it('writes today in local time as YYYY-MM-DD', () => {
    expect(todayIso(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });

  it('offers districts only before the reform', () => {
    expect(levelAvailable('DISTRICT', false)).toBe(false);
    expect(levelAvailable('DISTRICT', true)).toBe(true);
    expect(levelAvailable('PROVINCE', false)).toBe(true);
    expect(levelAvailable('COMMUNE', false)).toBe(true);
  });

  it('labels units that no longer exist with their last day, day first', () => {
    expect(formatDay('2025-06-30')).toBe('30/06/2025');
    expect(validityLabel('2025-06-30', '2026-12-01', 'vi')).toBe('đến 30/06/2025');
    expect(validityLabel('2025-06-30', '2026-12-01', 'en')).toBe('until 30/06/2025');
    expect(validityLabel(null, '2026-12-01', 'vi')).toBeNull();
    // still in force today (its last day is today or later)
    expect(validityLabel('2025-06-30', '2025-06-30', 'vi')).toBeNull();
  });

  it("names a commune's district before the reform, else its province", () => {
    const province = { code: '01', name: 'Thành phố Hà Nội' };
    const district = { code: '001', name: 'Quận Ba Đình' };
    expect(parentName(hit({ district, province }))).toBe('Quận Ba Đình');
    expect(parentName(hit({ province }))).toBe('Thành phố Hà Nội');
    expect(parentName(hit({ level: 'PROVINCE' }))).toBeNull();
  });

  it('keeps hits unique by id, not by code', () => {
    const a = hit({ id: 'a' });
    const b = hit({ id: 'b' }); // same code, another unit
    expect(uniqueById([a, b, a]).map((h) => h.id)).toEqual(['a', 'b']);
  });
});
