import { Field, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import { DateResolver } from 'graphql-scalars';
import { Node } from '../common/node.type';
import type { AdminUnitEntity } from './admin-unit.entity';
import { fromGlobalId, toGlobalId } from '../common/global-id';

export enum AdminLevel {
  PROVINCE = 'PROVINCE',
  DISTRICT = 'DISTRICT',
  COMMUNE = 'COMMUNE',
}
registerEnumType(AdminLevel, { name: 'AdminLevel' });

@InterfaceType({
  implements: Node,
  resolveType: (value: { level?: string }) => typenameOf(value.level),
})
export abstract class AdminUnit extends Node {
  @Field({ description: 'GSO code, a string that keeps its leading zeros ("01", "001")' })
  code: string;

  @Field({ description: 'Official name, e.g. "Huyện Hà Trung"' })
  name: string;

  @Field({ description: 'Name without the kind, e.g. "Hà Trung"' })
  shortName: string;

  @Field({
    description:
      '"Tỉnh" | "Thành phố Trung ương" (provinces); "Huyện" | "Thị xã" | "Thành phố" | "Quận" (districts); "Xã" | "Phường" | "Thị trấn" | "Đặc khu" (communes)',
  })
  kind: string;

  @Field(() => AdminLevel)
  level: AdminLevel;

  @Field(() => DateResolver, { nullable: true, description: 'First day the unit existed (null: before the catalogue)' })
  validFrom: string | null;

  @Field(() => DateResolver, {
    nullable: true,
    description: 'Last day the unit existed (merged or abolished after it)',
  })
  validTo: string | null;

  @Field(() => [UnitLink], {
    description: 'The units this one came from in a reorganisation (2025-07-01); empty when it did not change',
  })
  predecessors?: UnitLink[];

  @Field(() => [UnitLink], {
    description:
      "The units this one went into in a reorganisation (2025-07-01). A district's are the communes its communes went into: FULL when only the district's territory went there, wholly",
  })
  successors?: UnitLink[];

  localId: number;
  parentId: number | null;
}

@ObjectType({ implements: [Node, AdminUnit], simpleResolvers: true })
export class Province extends AdminUnit {}

@ObjectType({ implements: [Node, AdminUnit], simpleResolvers: true })
export class District extends AdminUnit {}

@ObjectType({
  implements: [Node, AdminUnit],
  simpleResolvers: true,
  description:
    'A commune-level unit (xã, phường, thị trấn, đặc khu): under a district before 2025-07-01, under a province after',
})
export class Commune extends AdminUnit {}

export enum LinkKind {
  FULL = 'FULL',
  PARTIAL = 'PARTIAL',
}
registerEnumType(LinkKind, {
  name: 'LinkKind',
  description: 'FULL: the whole unit went there; PARTIAL: part of it did',
});

@ObjectType({ description: 'A step in the lineage of administrative units (the July 2025 reorganisation)' })
export class UnitLink {
  @Field(() => AdminUnit)
  unit: AdminUnit;

  @Field(() => LinkKind)
  kind: LinkKind;

  @Field(() => DateResolver, { description: 'The day the successor came into force' })
  date: string;
}

/** The local id in a Province, District or Commune global id (AdminUnit.id); null for any other id. */
export function unitLocalId(globalId: string): number | null {
  const parsed = fromGlobalId(globalId);
  return parsed && ['Province', 'District', 'Commune'].includes(parsed.type) ? parsed.id : null;
}

export const typenameOf = (level?: string) =>
  level === 'PROVINCE' ? 'Province' : level === 'COMMUNE' ? 'Commune' : 'District';

/** Presents a stored unit as a GraphQL Province, District or Commune. */
export function presentUnit(e: AdminUnitEntity): AdminUnit {
  const typename = typenameOf(e.level);
  return {
    __typename: typename,
    id: toGlobalId(typename, e.id),
    localId: e.id,
    parentId: e.parentId,
    code: e.code,
    name: e.name,
    shortName: e.shortName,
    kind: e.kind,
    level: e.level as AdminLevel,
    validFrom: e.validFrom,
    validTo: e.validTo,
  } as AdminUnit;
}
