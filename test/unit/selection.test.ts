import { describe, expect, it } from 'vitest';
import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { selects } from '../../server/src/common/selection';

/** The `observations` field of a document and its fragments, as a resolver's info carries them. */
function infoOf(document: string) {
  const doc = parse(document);
  const operation = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    doc.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const fieldNodes = operation.selectionSet.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD);
  return { fieldNodes, fragments };
}

describe('selects', () => {
  it('finds a path of plain fields, whatever the aliases', () => {
    const info = infoOf('{ observations { rows: nodes { u: unit { code } period } } }');
    expect(selects(info, ['nodes', 'unit'])).toBe(true);
    expect(selects(info, ['nodes', 'indicator'])).toBe(false);
    expect(selects(info, ['edges', 'node', 'unit'])).toBe(false);
  });

  it('looks through inline fragments and fragment spreads, nested', () => {
    const info = infoOf(`
      { observations { ...Page } }
      fragment Page on ObservationConnection { edges { node { ... on Observation { ...Codes } } } }
      fragment Codes on Observation { indicator { code } }`);
    expect(selects(info, ['edges', 'node', 'indicator'])).toBe(true);
    expect(selects(info, ['edges', 'node', 'unit'])).toBe(false);
  });

  it('terminates on a fragment used at several depths', () => {
    const info = infoOf(`
      { observations { nodes { ...F } edges { node { ...F } } } }
      fragment F on Observation { period }`);
    expect(selects(info, ['edges', 'node', 'period'])).toBe(true);
    expect(selects(info, ['nodes', 'unit'])).toBe(false);
  });
});
