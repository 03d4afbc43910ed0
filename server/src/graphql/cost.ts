import {
  isScalarType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

/** Names of the variables that occur anywhere in `node` (nested in lists and input objects too). */
function variablesIn(node: ASTNode, into: Set<string>): void {
  visit(node, {
    Variable(v) {
      into.add(v.name.value);
    },
  });
}

/**
 * The variables a cost can depend on: those read by the arguments of fields that declare a cost
 * (common/complexity.ts) and by directives (@include/@skip decide which fields count).
 */
function costVariables(schema: GraphQLSchema, document: DocumentNode): Set<string> {
  const used = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (node.arguments?.length && typeInfo.getFieldDef()?.extensions?.complexity !== undefined)
          for (const a of node.arguments) variablesIn(a, used);
      },
      Directive(node) {
        for (const a of node.arguments ?? []) variablesIn(a, used);
      },
    }),
  );
  return used;
}

/**
 * The document as the estimate sees it: variables no cost depends on (a push's 5,000 rows) are
 * declared as the opaque `JSON` scalar, so the estimate does not walk and copy their values (the
 * execution coerces them once, and refuses a value of the wrong type there, with the same code and
 * reason). Returns the document itself when every variable counts.
 */
function withOpaqueVariables(schema: GraphQLSchema, document: DocumentNode): DocumentNode {
  const opaque = schema.getType('JSON');
  const hasVariables = document.definitions.some(
    (d) => d.kind === Kind.OPERATION_DEFINITION && d.variableDefinitions?.length,
  );
  if (!opaque || !isScalarType(opaque) || !hasVariables) return document;
  const counted = costVariables(schema, document);
  let changed = false;
  const definitions = document.definitions.map((d) => {
    if (d.kind !== Kind.OPERATION_DEFINITION || !d.variableDefinitions?.length) return d;
    const variableDefinitions = d.variableDefinitions.map((v) => {
      if (counted.has(v.variable.name.value)) return v;
      changed = true;
      return {
        ...v,
        type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: opaque.name } },
        defaultValue: undefined,
      } as typeof v;
    });
    return { ...d, variableDefinitions } as OperationDefinitionNode;
  });
  return changed ? { ...document, definitions } : document;
}

/**
 * A query's estimated cost (docs/api.md#query-cost): the costs declared on the fields
 * (common/complexity.ts); every other field costs 1 plus its selection. Throws when a variable a
 * cost depends on does not coerce to its declared type.
 */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables?: Record<string, unknown> | null,
  operationName?: string | null,
): number {
  return getComplexity({
    schema,
    query: withOpaqueVariables(schema, document),
    variables: variables ?? undefined,
    operationName: operationName ?? undefined,
    estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
  });
}
