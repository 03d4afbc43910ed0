import { badInput } from './errors';

/** Opaque global ids: base64url("Type:localId"). */
export function toGlobalId(type: string, id: number | string): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

export function fromGlobalId(globalId: string): { type: string; id: number } | null {
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const m = /^([A-Za-z]+):(\d{1,15})$/.exec(decoded);
  if (!m) return null;
  return { type: m[1], id: Number(m[2]) };
}

export function expectGlobalId(globalId: string, type: string, field = ['id']): number {
  const parsed = fromGlobalId(globalId);
  if (!parsed || parsed.type !== type) throw badInput('INVALID_ID', `"${globalId}" is not the id of a ${type}`, field);
  return parsed.id;
}
