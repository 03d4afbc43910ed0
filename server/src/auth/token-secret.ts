import { createHash, randomBytes } from 'node:crypto';

/** Tokens are 32 random bytes; only their SHA-256 is stored. */
export const newTokenSecret = () => `ctk_${randomBytes(32).toString('base64url')}`;
export const hashToken = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');
