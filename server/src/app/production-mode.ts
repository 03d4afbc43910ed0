/**
 * The server runs in production mode unless NODE_ENV says otherwise (`development`, or `test` under
 * vitest). Outside production graphql-js checks every type test of its execution (is this a list,
 * a non-null, an object type…, several per field of every row) for a second copy of graphql-js in
 * the process: about 6 % of the CPU of a pull of observations as objects. Express and Apollo read it
 * too; every Apollo default it would change (introspection, stack traces, landing page, signal
 * handlers) is set explicitly in graphql/apollo.ts. graphql-js reads NODE_ENV once, when it is
 * loaded: main.ts imports this module before anything else.
 */
process.env.NODE_ENV ??= 'production';
