import { hash, verify } from '@node-rs/argon2';

/**
 * Password hashing with Argon2id (OWASP's first choice). Parameters follow OWASP's
 * minimum recommendation (19 MiB, 2 iterations) to keep a login under ~50 ms on 2 cores.
 */
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash is a failed login, never a 500 that reveals account state.
    return false;
  }
}

/**
 * A hash to verify against when the username does not exist, so that an unknown user costs
 * the same time as a wrong password and usernames can't be discovered by timing.
 */
let decoyHash: Promise<string> | null = null;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword('decoy-password-never-valid');
  return decoyHash;
}
