/**
 * The contract module: what the server and the add-in both need, in one place. It imports nothing
 * from either side. The GraphQL schema itself is `schema/schema.graphql` beside it.
 */
export * from './observation-table';
export * from './outcomes';
export * from './period';
export * from './reasons';
export * from './cell-formats';
export * from './cell-numbers';
export * from './cell-status';
export * from './long-table';
