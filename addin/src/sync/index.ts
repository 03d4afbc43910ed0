/**
 * The add-in's sync engine: pure TypeScript (no Office.js, no DOM, no network). The taskpane
 * reads a grid through the Excel adapter, hands it to a layout reader, diffs it against the
 * baseline stored in the workbook, plans a push, sends it through the API client, and applies
 * the results here — marks, writes and the next baseline come back as plain data.
 */
export * from './period';
export * from './wire';
export * from '../../../schema/contract/cell-numbers';
export * from './codes';
export * from './model';
export * from './layouts/grid';
export * from './layouts/long';
export * from './layouts/term';
export * from './layouts/placement';
export * from './baseline';
export * from './units';
export * from './normalize';
export * from './diff';
export * from './plan';
export * from './apply';
export * from './refresh';
export * from './shown';
export * from '../../../schema/contract/cell-formats';
export * from './cells';
