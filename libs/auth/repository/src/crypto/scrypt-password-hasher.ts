import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { PasswordHasher } from '@mosaic/auth-domain';

/** scrypt's cost: N = 2^logN iterations over blocks of 128·r bytes, p lanes. */
export interface ScryptCost {
  logN: number;
  blockSize: number;
  parallelization: number;
}

/** 2^15 × 8 uses 32 MiB and ~50–100 ms per hash on a server core (OWASP's scrypt floor is 2^17 × 8 × 1 or equivalent). */
export const DEFAULT_SCRYPT_COST: ScryptCost = { logN: 15, blockSize: 8, parallelization: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
// A stored hash is trusted, but one corrupted into absurd parameters must not pin the CPU
// or exhaust memory on every login attempt.
const LIMITS = { logN: [10, 20], blockSize: [1, 32], parallelization: [1, 16] } as const;
const ENCODED = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{16,88})\$([A-Za-z0-9+/]{16,172})$/;

interface ParsedHash {
  cost: ScryptCost;
  salt: Buffer;
  key: Buffer;
}

/**
 * Password hashing with scrypt (memory-hard), a random salt per hash, and hashes in
 * the PHC string format (`$scrypt$ln=15,r=8,p=1$<salt>$<key>`) so the cost travels
 * with each hash and can be raised without invalidating old ones.
 */
export class ScryptPasswordHasher implements PasswordHasher {
  private readonly cost: ScryptCost;
  private dummy?: Promise<ParsedHash>;

  constructor(cost: Partial<ScryptCost> = {}) {
    this.cost = { ...DEFAULT_SCRYPT_COST, ...cost };
    assertCost(this.cost);
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const key = await derive(password, salt, this.cost, KEY_BYTES);
    return encode({ cost: this.cost, salt, key });
  }

  async verify(password: string, encodedHash: string | undefined): Promise<boolean> {
    const parsed = encodedHash === undefined ? undefined : parse(encodedHash);
    if (!parsed) {
      // Same cost as a real check, so a missing account takes as long as a wrong password.
      const dummy = await this.dummyHash();
      await derive(password, dummy.salt, dummy.cost, dummy.key.length);
      return false;
    }
    const key = await derive(password, parsed.salt, parsed.cost, parsed.key.length);
    return timingSafeEqual(key, parsed.key);
  }

  needsRehash(encodedHash: string): boolean {
    const parsed = parse(encodedHash);
    if (!parsed) return true;
    const { cost } = parsed;
    return (
      cost.logN !== this.cost.logN ||
      cost.blockSize !== this.cost.blockSize ||
      cost.parallelization !== this.cost.parallelization ||
      parsed.key.length !== KEY_BYTES
    );
  }

  private dummyHash(): Promise<ParsedHash> {
    this.dummy ??= (async () => {
      const salt = randomBytes(SALT_BYTES);
      return { cost: this.cost, salt, key: await derive(randomBytes(16).toString('hex'), salt, this.cost, KEY_BYTES) };
    })();
    return this.dummy;
  }
}

function assertCost(cost: ScryptCost): void {
  for (const name of ['logN', 'blockSize', 'parallelization'] as const) {
    const [min, max] = LIMITS[name];
    const value = cost[name];
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new RangeError(`scrypt ${name} must be an integer in [${min}, ${max}], got ${value}`);
    }
  }
}

function derive(password: string, salt: Buffer, cost: ScryptCost, keyLength: number): Promise<Buffer> {
  const N = 2 ** cost.logN;
  const options: ScryptOptions = {
    N,
    r: cost.blockSize,
    p: cost.parallelization,
    // Node refuses anything over 32 MiB by default, which 2^15 × 8 needs exactly.
    maxmem: 256 * N * cost.blockSize + 1024 * 1024,
  };
  // NFKC so the same password typed on different keyboards or OSes hashes the same.
  const input = password.normalize('NFKC');
  return new Promise((resolve, reject) => {
    scrypt(input, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function encode({ cost, salt, key }: ParsedHash): string {
  const b64 = (buffer: Buffer) => buffer.toString('base64').replace(/=+$/, '');
  return `$scrypt$ln=${cost.logN},r=${cost.blockSize},p=${cost.parallelization}$${b64(salt)}$${b64(key)}`;
}

function parse(encoded: string): ParsedHash | undefined {
  const match = ENCODED.exec(encoded);
  if (!match) return undefined;
  const cost = { logN: Number(match[1]), blockSize: Number(match[2]), parallelization: Number(match[3]) };
  try {
    assertCost(cost);
  } catch {
    return undefined;
  }
  const salt = Buffer.from(match[4], 'base64');
  const key = Buffer.from(match[5], 'base64');
  if (salt.length < 8 || key.length < 16) return undefined;
  return { cost, salt, key };
}
