import { createHash } from 'node:crypto';

/** Arguments reach Lua as strings (ARGV); the memory function sees them as given. */
export type ScriptArg = string | number;

/**
 * What a script may return, restricted to what survives the trip through Redis
 * unchanged: integers, strings, null, and arrays of those (Redis truncates a Lua
 * array at its first nil, so arrays may not hold null).
 */
export type ScriptReply = number | string | null | ScriptReply[];

/** The synchronous view of the memory backend a script's `memory` function works on. */
export interface ScriptStore {
  get(key: string): string | null;
  exists(key: string): boolean;
  /** Like SET: replaces the expiry too unless `keepTtl` is set. */
  set(key: string, value: string, options?: { ttlMs?: number; keepTtl?: boolean }): void;
  delete(key: string): boolean;
  /** Like INCRBY: a missing key counts as 0 and the expiry is kept. */
  incrementBy(key: string, by: number): number;
  expire(key: string, ttlMs: number): boolean;
  ttl(key: string): number | null;
}

/** How an argument is declared: its type, which both backends check before running. */
export type ScriptArgType = 'string' | 'number';
export type ScriptArgSpec = Readonly<Record<string, ScriptArgType>>;
/** The argument object a spec like `{ buyer: 'string', holdMs: 'number' }` describes. */
export type ScriptArgs<S extends ScriptArgSpec> = { [P in keyof S]: S[P] extends 'number' ? number : string };

export interface ScriptDefinition<K extends string, S extends ScriptArgSpec, R> {
  /** For error messages; need not be unique. */
  name: string;
  /** Key names in KEYS order: `keys: ['stock', 'buyer']` makes KEYS[1] the stock key. */
  keys: readonly K[];
  /** Arguments in ARGV order, with their types: `{ buyer: 'string', holdMs: 'number' }`. */
  args: S;
  /** Runs on Redis. It must touch only the keys it is given, as Redis requires. */
  lua: string;
  /**
   * Runs on the memory backend and must do what `lua` does. It is synchronous, so it
   * is atomic: nothing else runs on the event loop until it returns.
   */
  memory: (store: ScriptStore, keys: Readonly<Record<K, string>>, args: ScriptArgs<S>) => ScriptReply;
  /** Turns the raw reply, identical from both backends, into the caller's type. */
  decode?: (reply: ScriptReply) => R;
}

export interface CacheScript<K extends string, A extends Record<string, ScriptArg>, R> {
  readonly name: string;
  readonly keyNames: readonly K[];
  readonly argTypes: Readonly<Record<keyof A & string, ScriptArgType>>;
  readonly lua: string;
  /** SHA-1 of `lua`, the handle EVALSHA runs it by. */
  readonly sha1: string;
  readonly memory: (store: ScriptStore, keys: Readonly<Record<K, string>>, args: A) => ScriptReply;
  decode(reply: ScriptReply): R;
}

/**
 * One atomic multi-key operation with two bodies — Lua for Redis, a synchronous
 * function for memory — behind one typed call: `cache.run(script, keys, args)`.
 */
export function defineScript<const K extends string, const S extends ScriptArgSpec, R = ScriptReply>(
  definition: ScriptDefinition<K, S, R>,
): CacheScript<K, ScriptArgs<S>, R> {
  assertUniqueNames(definition.name, 'key', definition.keys);
  for (const name of Object.keys(definition.args)) {
    // Integer-like names would be reordered by JavaScript and break the ARGV order.
    if (/^\d+$/.test(name)) throw new TypeError(`script "${definition.name}": argument name "${name}" must not be a number`);
  }
  const decode = definition.decode ?? ((reply: ScriptReply) => reply as R);
  return Object.freeze({
    name: definition.name,
    keyNames: Object.freeze([...definition.keys]),
    argTypes: Object.freeze({ ...definition.args }) as Readonly<Record<keyof ScriptArgs<S> & string, ScriptArgType>>,
    lua: definition.lua,
    sha1: createHash('sha1').update(definition.lua).digest('hex'),
    memory: definition.memory,
    decode,
  });
}

function assertUniqueNames(script: string, what: string, names: readonly string[]): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new TypeError(`script "${script}" declares ${what} "${name}" twice`);
    seen.add(name);
  }
}

type ScriptShape = Pick<CacheScript<string, Record<string, ScriptArg>, unknown>, 'name' | 'keyNames' | 'argTypes'>;

/** The keys in KEYS order; every declared key must be given and nothing else. */
export function orderedKeys(script: ScriptShape, keys: Readonly<Record<string, string>>): string[] {
  assertExactNames(script.name, 'key', script.keyNames, Object.keys(keys));
  return script.keyNames.map((name) => {
    const key = keys[name];
    if (typeof key !== 'string' || key === '') throw new TypeError(`script "${script.name}": key "${name}" must be a non-empty string`);
    return key;
  });
}

/** The arguments in ARGV order, as the strings Lua will receive. */
export function orderedArgs(script: ScriptShape, args: Readonly<Record<string, ScriptArg>>): string[] {
  const declared = Object.keys(script.argTypes);
  assertExactNames(script.name, 'argument', declared, Object.keys(args));
  return declared.map((name) => {
    const value = args[name];
    if (script.argTypes[name] === 'number') {
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
      throw new TypeError(`script "${script.name}": argument "${name}" must be a finite number`);
    }
    if (typeof value === 'string') return value;
    throw new TypeError(`script "${script.name}": argument "${name}" must be a string`);
  });
}

function assertExactNames(script: string, what: string, declared: readonly string[], given: readonly string[]): void {
  const missing = declared.filter((name) => !given.includes(name));
  const extra = given.filter((name) => !declared.includes(name));
  if (missing.length > 0 || extra.length > 0) {
    throw new TypeError(
      `script "${script}": ${what}s must be exactly [${declared.join(', ')}]` +
        (missing.length ? `; missing ${missing.join(', ')}` : '') +
        (extra.length ? `; undeclared ${extra.join(', ')}` : ''),
    );
  }
}

/**
 * Rejects memory replies Redis could not have produced (fractions, booleans, nulls
 * inside arrays), so a script that only works in memory fails in memory too.
 */
export function assertPortableReply(script: string, reply: unknown, nested = false): asserts reply is ScriptReply {
  if (reply === null && !nested) return;
  if (typeof reply === 'string') return;
  if (typeof reply === 'number' && Number.isSafeInteger(reply)) return;
  if (Array.isArray(reply)) {
    for (const item of reply) assertPortableReply(script, item, true);
    return;
  }
  throw new TypeError(
    `script "${script}" returned ${describe(reply)} from memory; Redis can only return integers, strings, null and arrays of integers and strings`,
  );
}

function describe(value: unknown): string {
  if (value === null) return 'null inside an array';
  if (typeof value === 'number') return `the non-integer ${value}`;
  if (value instanceof Promise) return 'a Promise (memory scripts must be synchronous)';
  return `a ${typeof value}`;
}
