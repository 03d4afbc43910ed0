import express, { type Router } from 'express';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../app/config';

/** The origin the committed manifest.xml points at (development: `npm run certs` + `npm start`). */
export const MANIFEST_ORIGIN = 'https://localhost:4000';

/**
 * /addin/: the built task pane (taskpane.html, commands.html, hashed scripts, icons), and
 * /addin/manifest.xml rewritten to point at the server's public address (PUBLIC_URL, else the
 * address it listens on), so an administrator deploys a manifest that matches their server without
 * editing XML. Never the request's Host header: any client can set it, and it would be echoed into
 * the manifest's URLs (and markup).
 */
export function addinRouter(config: Config, publicUrl: () => string): Router {
  const router = express.Router();
  router.get('/manifest.xml', (_req, res, next) => {
    const file = path.join(config.addinDir, 'manifest.xml');
    if (!fs.existsSync(file)) return next();
    const xml = fs.readFileSync(file, 'utf8').split(MANIFEST_ORIGIN).join(publicUrl());
    res.type('application/xml').set('Cache-Control', 'no-cache').send(xml);
  });
  router.use(
    express.static(config.addinDir, {
      index: 'taskpane.html',
      setHeaders(res, file) {
        // Office caches add-in pages hard; pages must revalidate, hashed scripts never change.
        if (file.endsWith('.html')) res.set('Cache-Control', 'no-cache');
        else if (/-[\w-]{8}\.(js|css)$/.test(file)) res.set('Cache-Control', 'public, max-age=31536000, immutable');
        else res.set('Cache-Control', 'public, max-age=86400');
      },
    }),
  );
  router.use((_req, res) => {
    res
      .status(404)
      .type('text')
      .send(
        fs.existsSync(config.addinDir)
          ? 'Not found'
          : 'The Excel add-in is not built: run `npm run build` (or `npm run build:addin`).',
      );
  });
  return router;
}
