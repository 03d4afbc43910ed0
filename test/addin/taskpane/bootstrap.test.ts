/**
 * The pane's bootstrap must run where the bundle cannot (Internet Explorer 11): it is parsed here as
 * ES5, and taskpane.html must run it first, as a classic script shipped verbatim with the build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { builtAddin } from '../../helpers/addin-build';

const ADDIN = path.resolve(__dirname, '../../../addin');
const source = fs.readFileSync(path.join(ADDIN, 'public/bootstrap.js'), 'utf8');

/** ESLint's parser at ECMAScript 5, as a classic script: only syntax errors, no style rules. */
function es5Errors(code: string): string[] {
  const messages = new Linter().verify(code, {
    languageOptions: { ecmaVersion: 5, sourceType: 'script' },
  });
  return messages.filter((m) => m.fatal).map((m) => `${m.line}:${m.column} ${m.message}`);
}

describe('addin/public/bootstrap.js', () => {
  it('is ECMAScript 5, which Internet Explorer 11 parses', () => {
    expect(es5Errors(source)).toEqual([]);
  });

  it('is checked strictly enough to catch what IE11 cannot parse', () => {
    for (const later of ['let a = 1;', 'var f = () => 1;', 'var s = `x`;', 'var o = { a }; ', 'var b = a?.b;'])
      expect(es5Errors(later), later).not.toEqual([]);
  });

  it('runs before Office.js and the module bundle, as a classic script, in the source and the build', async () => {
    const built = path.join(await builtAddin(), 'taskpane.html');
    for (const file of [path.join(ADDIN, 'taskpane.html'), built]) {
      const html = fs.readFileSync(file, 'utf8');
      const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
      expect(scripts[0], file).toMatch(/src="\.?\/bootstrap\.js"/);
      expect(scripts[0], file).not.toContain('module');
      expect(scripts[1], file).toContain('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
      expect(scripts.slice(2).every((s) => s.includes('type="module"'))).toBe(true);
    }
    expect(fs.readFileSync(path.join(path.dirname(built), 'bootstrap.js'), 'utf8')).toBe(source);
  });
});
