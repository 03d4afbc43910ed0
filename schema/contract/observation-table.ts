/**
 * The columns of \`observationTable\`, in order: the compact bulk encoding both the server (which
 * writes each row in this order) and the add-in (which reads them by name) rely on. New columns are
 * appended, so existing positions never move. \`unitId\` is the unit's global id (\`AdminUnit.id\`):
 * a code can name two units in one period (37 in 2025), the id cannot.
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
  'unitId',
] as const;
