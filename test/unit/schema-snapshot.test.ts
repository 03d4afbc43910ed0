import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { printSortedSchema } from '../../server/src/graphql/schema';

const FILE = path.join(__dirname, '../../schema/schema.graphql');

it('schema/schema.graphql is exactly the SDL the code emits (run `npm run schema` after changing the API)', async () => {
  const sdl = await printSortedSchema();
  if (process.env.UPDATE_SCHEMA === '1') fs.writeFileSync(FILE, sdl);
  expect(fs.existsSync(FILE), 'schema/schema.graphql is missing: run npm run schema').toBe(true);
  expect(sdl).toBe(fs.readFileSync(FILE, 'utf8'));
});
