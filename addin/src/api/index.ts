/** The add-in's view of the GraphQL API (schema/schema.graphql): plain fetch, no Office, no DOM beyond fetch. */
export * from './client';
export * from './reads';
export * from './bulk';
export * from './push';
export * from './sentences';
export * from './cells';
export * from './comparison';
