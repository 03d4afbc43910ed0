import type { ServerObservation } from '../../../addin/src/sync';

/** `n` observations over 100 districts (codes with leading zeros), a handful of indicators and years. */
export function observations(n: number): ServerObservation[] {
  const out: ServerObservation[] = [];
  for (let i = 0; i < n; i++) {
    const unit = String(1 + (i % 100)).padStart(3, '0');
    const ind = `CT${String(1 + (Math.floor(i / 100) % 25)).padStart(2, '0')}`;
    const year = 2000 + Math.floor(i / 2500);
    out.push({
      unit: { code: unit, name: `Huyện Thử Nghiệm ${unit}` },
      indicator: { code: ind, name: `Chỉ tiêu thử nghiệm số ${ind}`, unit: 'triệu đồng/người/năm', decimals: 2 },
      period: String(year),
      value: Math.round(i * 137.31) / 100,
      status: 'OFFICIAL',
      source: 'Báo cáo kinh tế - xã hội',
      note: null,
      version: 1,
    });
  }
  return out;
}
