/**
 * What the task pane remembers for this user on this computer: the last server, and a token per
 * server. localStorage belongs to the user's Office profile, not to the workbook, so sharing the
 * workbook never shares a token.
 */
import type { Lang } from './i18n';

const LAST_SERVER = 'chitieu.server';
const TOKEN = (endpoint: string) => `chitieu.token:${endpoint}`;
const LANG = 'chitieu.lang';

function store(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage disabled by policy: nothing is remembered, everything still works
  }
}

export function lastServer(): string | null {
  return store()?.getItem(LAST_SERVER) ?? null;
}

export function rememberedToken(endpoint: string): string | null {
  return store()?.getItem(TOKEN(endpoint)) ?? null;
}

export function remember(endpoint: string, serverInput: string, token: string): void {
  store()?.setItem(LAST_SERVER, serverInput);
  store()?.setItem(TOKEN(endpoint), token);
}

export function forget(endpoint: string): void {
  store()?.removeItem(TOKEN(endpoint));
}

export function savedLang(): Lang {
  return store()?.getItem(LANG) === 'en' ? 'en' : 'vi';
}

export function saveLang(lang: Lang): void {
  store()?.setItem(LANG, lang);
}
