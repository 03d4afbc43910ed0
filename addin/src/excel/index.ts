/**
 * Thin Office.js adapters: the only code in the add-in that touches Excel. Each function is one
 * `Excel.run` with as few `context.sync()` calls as the data allows; none of them knows about the
 * server or the sync engine.
 */
export * from './address';
export * from './chunks';
export * from './host';
export * from './write-grid';
export * from './sheet-block';
export * from './lists';
export * from './read-grid';
export * from './sheets';
export * from './marks';
export * from './state';
export * from './pivot';
export * from './text-sheet';
export * from './functions';
export * from './comparison';
