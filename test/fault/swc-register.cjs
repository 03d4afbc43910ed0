// Lets a child Node process run the server's TypeScript sources as vitest does (SWC, decorator
// metadata for TypeORM and type-graphql), without a build: node -r ./test/fault/swc-register.cjs server/src/main.ts
const fs = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
