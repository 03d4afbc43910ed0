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
  /** AdminUnit.id: send it back as a push row's unitId (a code can name two units in a period). */
  'unitId',
  /** True for a value combined from predecessor units (boundaries CURRENT): read-only. */
  'derived',
  /** False when a derived value is an approximation (a PARTIAL link or a missing contributor). */
  'complete',
  /** Codes of the units a derived value combines ("35, 36, 37"); null for a stored value. */
  'contributors',
] as const;
