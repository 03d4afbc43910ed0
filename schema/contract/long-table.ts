/**
 * The long (pivot-ready) table as a person sees it: one row per unit × indicator × period, with
 * Vietnamese headers. The add-in renders it in Excel (addin/src/sync/layouts/long.ts) and the server
 * writes the same columns into its .xlsx exports (GET /export/…xlsx), so a sheet made either way
 * reads the same. Columns are found by header, so a user may reorder them.
 */
export const LONG_COLUMNS = [
  'unitCode',
  'unitName',
  'indicatorCode',
  'indicatorName',
  'unitOfMeasure',
  'period',
  'value',
  'status',
  'source',
  'note',
  'version',
  'unitId',
] as const;
export type LongColumn = (typeof LONG_COLUMNS)[number];

export const LONG_HEADERS: Readonly<Record<LongColumn, string>> = {
  unitCode: 'Mã đơn vị',
  unitName: 'Đơn vị',
  indicatorCode: 'Mã chỉ tiêu',
  indicatorName: 'Chỉ tiêu',
  unitOfMeasure: 'Đơn vị tính',
  period: 'Kỳ',
  value: 'Giá trị',
  status: 'Tình trạng',
  source: 'Nguồn',
  note: 'Ghi chú',
  version: 'Phiên bản',
  unitId: 'Mã định danh đơn vị',
};
