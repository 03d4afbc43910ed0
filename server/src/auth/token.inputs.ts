import { DateTimeResolver } from 'graphql-scalars';
import { Field, InputType, ObjectType } from 'type-graphql';
import { Payload } from '../common/payload';
import type { RoleValue } from './api-token.entity';
import { ApiToken, Role } from './auth.types';

@InputType()
export class CreateApiTokenInput {
  @Field({
    description: 'Who or what uses the token, e.g. "Chi cục Thống kê Hà Trung" (recorded as the author of its writes)',
  })
  name: string;

  @Field(() => Role)
  role: RoleValue;

  @Field(() => String, {
    nullable: true,
    description:
      'Province code for PROVINCE_EDITOR, district code for DISTRICT_EDITOR, commune code for COMMUNE_EDITOR; none for ADMIN and VIEWER',
  })
  scopeCode?: string | null;

  @Field(() => DateTimeResolver, {
    nullable: true,
    description: 'When the token stops working (in the future); omitted: until revoked',
  })
  expiresAt?: Date | null;
}

@ObjectType()
export class CreateApiTokenPayload extends Payload('apiToken', () => ApiToken) {
  @Field(() => String, { nullable: true, description: 'The secret, shown this once: only its SHA-256 is stored' })
  token: string | null;
}

@ObjectType()
export class RevokeApiTokenPayload extends Payload('apiToken', () => ApiToken) {}
