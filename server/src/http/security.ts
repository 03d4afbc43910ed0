import cors from 'cors';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Security headers (helmet) with one Content-Security-Policy per kind of page. Every response gets
 * `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer` and the rest of helmet's set;
 * framing is governed by CSP `frame-ancestors` (helmet's X-Frame-Options is off: it cannot list
 * Office's hosts, and it would keep the task pane out of Excel on the web).
 */

/** Where Office hosts the task pane in a frame: Excel on the web and the Microsoft 365 portals. */
export const OFFICE_FRAME_ANCESTORS = [
  'https://*.officeapps.live.com',
  'https://*.office.com',
  'https://*.office365.com',
  'https://*.microsoft365.com',
  'https://*.cloud.microsoft',
  'https://*.sharepoint.com',
];
/** Microsoft's CDN for Office.js (the manifest's pages load it from there, as Microsoft requires). */
export const OFFICE_JS_ORIGIN = 'https://appsforoffice.microsoft.com';

type Directives = Record<string, string[]>;

const base = (tls: boolean) => ({
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'object-src': ["'none'"],
  'form-action': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'script-src-attr': ["'none'"],
  ...(tls ? { 'upgrade-insecure-requests': [] } : {}),
});

function headers(directives: Directives, tls: boolean): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { ...base(tls), ...directives } },
    xFrameOptions: false,
    // Only over TLS: a browser ignores it on http://, and an operator behind a TLS proxy sets it there.
    strictTransportSecurity: tls,
  });
}

/** The API's JSON answers: nothing to run, nothing to frame. */
export const apiHeaders = (tls: boolean) =>
  headers({ 'default-src': ["'none'"], 'frame-ancestors': ["'none'"], 'form-action': ["'none'"] }, tls);

/** The explorer: scripts and styles of its own origin only (GraphiQL sets inline styles). */
export const explorerHeaders = (tls: boolean) =>
  headers(
    {
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'connect-src': ["'self'"],
      'frame-ancestors': ["'none'"],
    },
    tls,
  );

/**
 * The add-in's pages: its own scripts and Office.js from Microsoft; Fluent UI injects its styles at
 * run time; the pane may be pointed at another chitieu server (connect-src https:); framed only by
 * Office on the web.
 */
export const addinHeaders = (tls: boolean) =>
  headers(
    {
      'script-src': ["'self'", OFFICE_JS_ORIGIN],
      'style-src': ["'self'", "'unsafe-inline'"],
      'connect-src': ["'self'", 'https:'],
      'frame-ancestors': ["'self'", ...OFFICE_FRAME_ANCESTORS],
    },
    tls,
  );

/** CORS for /graphql: only the configured origins; none configured, no CORS headers at all. */
export function corsFor(origins: readonly string[]): RequestHandler | null {
  if (origins.length === 0) return null;
  return cors({
    origin: [...origins],
    methods: ['GET', 'POST'],
    allowedHeaders: ['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name'],
    maxAge: 600,
  });
}
