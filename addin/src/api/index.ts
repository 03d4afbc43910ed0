/** The add-in's view of the GraphQL API (docs/api.md): plain fetch, no Office, no DOM beyond fetch. */
export * from './client';
export * from './reads';
export * from './bulk';
export * from './push';
