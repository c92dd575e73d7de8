import { hash, verify } from '@node-rs/argon2';

// The library's Algorithm is a const enum, which isolated modules cannot import; 2 is Argon2id.
const ARGON2ID = 2;

// OWASP's argon2id baseline (19 MiB, 2 passes): strong enough, and fast enough for 2 cores.
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

// Verifying against a real hash when the email is unknown keeps login time the same either way,
// so response time does not reveal who has an account.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('not-a-real-password-at-all');
  await verifyPassword(await dummyHash, password);
}
