/** ISO date (YYYY-MM-DD) of the last day of a month ordinal (year * 12 + month - 1). */
export function lastDayOfMonth(monthOrdinal: number): string {
  const year = Math.floor(monthOrdinal / 12);
  const month = (monthOrdinal % 12) + 1;
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A unit is active at a period when it existed on the period's last day: Huyện Đông Sơn (validTo
 * 2024-12-31) is ranked for 2024 and 2021..2024, not for 2025 or 2021..2025. validFrom/validTo are
 * ISO dates, so text comparison is date comparison.
 */
export function activeAtPeriodEnd(
  unit: { validFrom: string | null; validTo: string | null },
  endMonth: number,
): boolean {
  const day = lastDayOfMonth(endMonth);
  return (unit.validFrom === null || unit.validFrom <= day) && (unit.validTo === null || unit.validTo >= day);
}
