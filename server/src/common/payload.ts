import { Field, ObjectType, type ClassType } from 'type-graphql';
import { UserError } from './user-error.type';

type PayloadShape<K extends string, T> = { [P in K]: T | null } & { userErrors: UserError[] };

/**
 * The payload of a mutation (type-graphql's generic-type idiom): the object it produced under `key`
 * (null when it produced nothing) and its business errors as data. A subclass names the payload
 * and may add fields.
 */
export function Payload<K extends string, T extends object>(key: K, type: () => ClassType<T>, description?: string) {
  @ObjectType()
  abstract class PayloadType {
    @Field(() => [UserError])
    userErrors: UserError[];
  }
  // The produced object's field is named by the caller, so the decorator is applied by hand.
  Field(type, { nullable: true, description })(PayloadType.prototype, key);
  return PayloadType as unknown as abstract new () => PayloadShape<K, T>;
}
