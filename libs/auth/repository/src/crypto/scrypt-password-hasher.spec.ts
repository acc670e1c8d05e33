import { describe, expect, it } from 'vitest';
import { ScryptPasswordHasher } from './scrypt-password-hasher';

const hasher = new ScryptPasswordHasher({ logN: 10 });

describe('ScryptPasswordHasher', () => {
  it('writes PHC strings with the cost, a 16-byte salt and a 32-byte key', async () => {
    const hash = await hasher.hash('correct horse battery staple');
    const [, algorithm, params, salt, key] = hash.split('$');
    expect({ algorithm, params }).toEqual({ algorithm: 'scrypt', params: 'ln=10,r=8,p=1' });
    expect(Buffer.from(salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
  });

  it('salts every hash, so equal passwords never give equal hashes', async () => {
    expect(await hasher.hash('same password')).not.toBe(await hasher.hash('same password'));
  });

  it('verifies the right password and only the right one', async () => {
    const hash = await hasher.hash('correct horse battery staple');
    expect(await hasher.verify('correct horse battery staple', hash)).toBe(true);
    expect(await hasher.verify('correct horse battery stapl', hash)).toBe(false);
    expect(await hasher.verify('Correct horse battery staple', hash)).toBe(false);
    expect(await hasher.verify('', hash)).toBe(false);
  });

  it('treats canonically equivalent Unicode spellings as one password', async () => {
    const composed = 'caf\u00e9-au-lait';
    const decomposed = 'cafe\u0301-au-lait';
    expect(await hasher.verify(decomposed, await hasher.hash(composed))).toBe(true);
  });

  it('resolves false without a hash, and for a corrupted or foreign one', async () => {
    expect(await hasher.verify('anything at all', undefined)).toBe(false);
    expect(await hasher.verify('anything at all', 'not a hash')).toBe(false);
    expect(await hasher.verify('anything at all', '$2b$10$abcdefghijklmnopqrstuv')).toBe(false);
    const absurd = (await hasher.hash('x'.repeat(8))).replace('ln=10', 'ln=40');
    expect(await hasher.verify('x'.repeat(8), absurd)).toBe(false);
  });

  it('verifies hashes made under another cost, and says they need rehashing', async () => {
    const stronger = new ScryptPasswordHasher({ logN: 11 });
    const old = await hasher.hash('correct horse battery staple');
    expect(await stronger.verify('correct horse battery staple', old)).toBe(true);
    expect(stronger.needsRehash(old)).toBe(true);
    expect(hasher.needsRehash(old)).toBe(false);
    expect(hasher.needsRehash('garbage')).toBe(true);
  });

  it('defaults to N = 2^15, r = 8, p = 1', async () => {
    const hash = await new ScryptPasswordHasher().hash('correct horse battery staple');
    expect(hash).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$/);
  });

  it('refuses unsafe or absurd costs', () => {
    expect(() => new ScryptPasswordHasher({ logN: 4 })).toThrow(RangeError);
    expect(() => new ScryptPasswordHasher({ logN: 21 })).toThrow(RangeError);
    expect(() => new ScryptPasswordHasher({ blockSize: 0 })).toThrow(RangeError);
    expect(() => new ScryptPasswordHasher({ parallelization: 1.5 })).toThrow(RangeError);
  });
});
