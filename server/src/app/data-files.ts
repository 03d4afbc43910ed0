import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

/** The project root (the folder holding package.json), from source or from the compiled dist/. */
export function projectRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + __dirname);
    dir = up;
  }
  return dir;
}

export const dataPath = (...parts: string[]) => path.join(projectRoot(), 'server', 'data', ...parts);

/** Reads a UTF-8 CSV with a header row into objects; empty cells become ''. */
export function readCsv(file: string): Record<string, string>[] {
  return parse(fs.readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, trim: true, bom: true });
}
