import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import type { RoleValue } from './api-token.entity';
import { Node } from '../common/node.type';

export enum Role {
  ADMIN = 'ADMIN',
  PROVINCE_EDITOR = 'PROVINCE_EDITOR',
  DISTRICT_EDITOR = 'DISTRICT_EDITOR',
  COMMUNE_EDITOR = 'COMMUNE_EDITOR',
  VIEWER = 'VIEWER',
}
registerEnumType(Role, {
  name: 'Role',
  description:
    'ADMIN: everything; PROVINCE_EDITOR: a province and its districts and communes on any date, and the provinces it inherited through the lineage; DISTRICT_EDITOR: one district; COMMUNE_EDITOR: one commune; VIEWER: read only',
});

/** Who is calling: resolved from the bearer token on every request. */
@ObjectType()
export class Viewer {
  @Field()
  name: string;

  @Field(() => Role)
  role: RoleValue;

  @Field(() => String, { nullable: true, description: 'Province, district or commune code the role is limited to' })
  scopeCode: string | null;

  /** The token's id; null for the command line, which acts without a token. */
  tokenId: number | null;

  /**
   * A PROVINCE_EDITOR's provinces (its own and those it inherited through the lineage), set by
   * `resolveWriteScope` (auth/scope.ts) before a write is checked; absent otherwise.
   */
  provinceIds?: ReadonlySet<number>;
}

@ObjectType({ implements: Node })
export class ApiToken extends Node {
  @Field()
  name: string;

  @Field(() => Role)
  role: RoleValue;

  @Field(() => String, { nullable: true })
  scopeCode: string | null;

  @Field(() => DateTimeResolver)
  createdAt: Date;

  @Field(() => DateTimeResolver, { nullable: true })
  revokedAt: Date | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'Refused from this instant on; null: until revoked' })
  expiresAt: Date | null;

  @Field(() => DateTimeResolver, {
    nullable: true,
    description: 'The last request made with this token, to the minute; null: never used',
  })
  lastUsedAt: Date | null;
}
