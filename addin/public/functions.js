/*
 * The CHITIEU functions run in the add-in's shared runtime: taskpane.html loads their code
 * (addin/src/excel/functions.ts) and associates them. The manifest's CustomFunctions extension
 * point must still name a script; this is it, and it does nothing.
 */
