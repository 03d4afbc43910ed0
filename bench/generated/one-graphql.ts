import Module from 'node:module';
import path from 'node:path';

/**
 * One graphql-js and one graphile-build in the PostGraphile process. npm cannot hoist PostGraphile's
 * graphql 15 (the project's is 16), so it nests a copy in postgraphile/ and another, with a second
 * graphile-build, in graphile-build-pg/: types built with one copy are then foreign to the other
 * (in production mode, where graphql-js does not check, `Unexpected input type` on any argument).
 * Imported first, this resolves both names, from anywhere in this process, to postgraphile's own.
 */
const postgraphile = path.dirname(require.resolve('postgraphile/package.json'));
const single = Object.fromEntries(
  ['graphql', 'graphile-build'].map((name) => [
    name,
    path.dirname(require.resolve(`${name}/package.json`, { paths: [postgraphile] })),
  ]),
);

const resolver = Module as unknown as {
  _resolveFilename(request: string, ...rest: unknown[]): string;
};
const resolve = resolver._resolveFilename;
resolver._resolveFilename = function (request: string, ...rest: unknown[]) {
  const name = request.split('/')[0];
  const dir = single[name];
  return resolve.call(this, dir ? dir + request.slice(name.length) : request, ...rest);
};
