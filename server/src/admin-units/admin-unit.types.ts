import { Field, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import { DateResolver } from 'graphql-scalars';
import { Node } from '../common/node.type';
import type { AdminUnitEntity } from './admin-unit.entity';
import { toGlobalId } from '../common/global-id';

export enum AdminLevel {
  PROVINCE = 'PROVINCE',
  DISTRICT = 'DISTRICT',
}
registerEnumType(AdminLevel, { name: 'AdminLevel' });

@InterfaceType({
  implements: Node,
  resolveType: (value: { level?: string }) => (value.level === 'PROVINCE' ? 'Province' : 'District'),
})
export abstract class AdminUnit extends Node {
  @Field({ description: 'GSO code, a string that keeps its leading zeros ("01", "001")' })
  code: string;

  @Field({ description: 'Official name, e.g. "Huyện Hà Trung"' })
  name: string;

  @Field({ description: 'Name without the kind, e.g. "Hà Trung"' })
  shortName: string;

  @Field({ description: '"Huyện" | "Thị xã" | "Thành phố" | "Quận" | "Tỉnh" | "Thành phố Trung ương"' })
  kind: string;

  @Field(() => AdminLevel)
  level: AdminLevel;

  @Field(() => DateResolver, { nullable: true })
  validFrom: string | null;

  @Field(() => DateResolver, {
    nullable: true,
    description: 'Last day the unit existed (merged or abolished after it)',
  })
  validTo: string | null;

  localId: number;
  parentId: number | null;
}

@ObjectType({ implements: [Node, AdminUnit] })
export class Province extends AdminUnit {}

@ObjectType({ implements: [Node, AdminUnit] })
export class District extends AdminUnit {}

/** Presents a stored unit as a GraphQL Province or District. */
export function presentUnit(e: AdminUnitEntity): AdminUnit {
  const typename = e.level === 'PROVINCE' ? 'Province' : 'District';
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
