import path from 'node:path';
import express, { type Router } from 'express';

const asset = (pkg: string, file: string) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);

/** GraphiQL served from npm packages, so the explorer works in offices without internet access. */
export function explorerRouter(): Router {
  const router = express.Router();
  const files = new Map<string, string>(
    Object.entries({
      'react.js': asset('react', 'umd/react.production.min.js'),
      'react-dom.js': asset('react-dom', 'umd/react-dom.production.min.js'),
      'graphiql.js': asset('graphiql', 'graphiql.min.js'),
      'graphiql.css': asset('graphiql', 'graphiql.min.css'),
    }),
  );
  // The page's own script is a file, not inline: the explorer's CSP allows scripts of this origin only.
  router.get('/explorer.js', (_req, res) => {
    res.type('application/javascript').set('Cache-Control', 'no-cache').send(EXPLORER_JS);
  });
  router.get('/:file', (req, res, next) => {
    const file = files.get(req.params.file);
    if (!file) return next();
    res.sendFile(file, { maxAge: '1d' });
  });
  return router;
}

export const EXPLORER_HTML = `<!doctype html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <title>chitieu · GraphQL</title>
  <link rel="stylesheet" href="/explorer/graphiql.css">
  <style>body{margin:0;height:100vh}#graphiql{height:100vh}</style>
</head>
<body>
  <div id="graphiql">Đang tải… / Loading…</div>
  <script src="/explorer/react.js"></script>
  <script src="/explorer/react-dom.js"></script>
  <script src="/explorer/graphiql.js"></script>
  <script src="/explorer/explorer.js"></script>
</body>
</html>`;

const EXPLORER_JS = `const fetcher = GraphiQL.createFetcher({ url: window.location.pathname });
const defaultQuery = '# Mục Headers bên dưới: {"Authorization": "Bearer <token>"}\\n' +
  '# Headers pane below: {"Authorization": "Bearer <token>"}\\n' +
  '{\\n  province(code: "38") {\\n    name\\n    districts { code name }\\n  }\\n}\\n';
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  // No placeholder header: an empty "Bearer " would be refused and the schema (docs, completion)
  // could not load. Introspection needs no token; the comment above says where to put one.
  React.createElement(GraphiQL, { fetcher, defaultQuery, defaultEditorToolsVisibility: 'headers', isHeadersEditorEnabled: true }),
);
`;
