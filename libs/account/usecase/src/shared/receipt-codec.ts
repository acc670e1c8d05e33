import type { ResultCodec } from './idempotency';

type KeysOfType<T, V> = { [K in keyof T]: T[K] extends V ? K : never }[keyof T];

/**
 * A codec for flat receipts: JSON, with the named bigint fields as decimal strings and
 * the named Date fields as ISO text, so a replay returns exactly the first result.
 */
export function receiptCodec<T extends object>(fields: { bigints: readonly KeysOfType<T, bigint>[]; dates: readonly KeysOfType<T, Date>[] }): ResultCodec<T> {
  return {
    encode(result) {
      const plain: Record<string, unknown> = { ...(result as Record<string, unknown>) };
      for (const key of fields.bigints) plain[key as string] = (result[key] as bigint).toString();
      for (const key of fields.dates) plain[key as string] = (result[key] as Date).toISOString();
      return JSON.stringify(plain);
    },
    decode(text) {
      const plain = JSON.parse(text) as Record<string, unknown>;
      for (const key of fields.bigints) plain[key as string] = BigInt(plain[key as string] as string);
      for (const key of fields.dates) plain[key as string] = new Date(plain[key as string] as string);
      return plain as T;
    },
  };
}
