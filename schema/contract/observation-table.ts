/**
 * The columns of \`observationTable\`, in order: the compact bulk encoding both the server (which
 * writes each row in this order) and the add-in (which reads them by name) rely on.
 */
export const OBSERVATION_TABLE_COLUMNS = [
  'unitCode',
  'indicatorCode',
  'period',
  'value',
  'status',
  'source',
  'note',
  'version',
  'updatedAt',
  'updatedBy',
] as const;
