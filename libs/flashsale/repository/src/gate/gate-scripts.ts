import { defineScript } from '@mosaic/kit-cache';
import { charAt, csv, fromCsv, HELD, SOLD, withChar } from './item-states';

/**
 * The gate's atomic operations: each a Lua script on Redis and the same steps as a
 * synchronous function on the memory cache (atomic there because nothing interleaves).
 */

export const claimScript = defineScript({
  name: 'flashsale-claim',
  keys: ['states', 'claims'],
  args: { index: 'number', item: 'string', limit: 'number', ttlMs: 'number' },
  lua: `
if redis.call('GETRANGE', KEYS[1], ARGV[1], ARGV[1]) == 'S' then return 'item_sold' end
local list = redis.call('GET', KEYS[2])
local count = 0
if list and list ~= '' then
  for id in string.gmatch(list, '[^,]+') do
    if id == ARGV[2] then return 'claimed' end
    count = count + 1
  end
  list = list .. ',' .. ARGV[2]
else
  list = ARGV[2]
end
if count >= tonumber(ARGV[3]) then return 'limit_exceeded' end
redis.call('SET', KEYS[2], list, 'PX', ARGV[4])
return 'claimed'`,
  memory: (store, keys, args) => {
    if (charAt(store.get(keys.states), args.index) === SOLD) return 'item_sold';
    const list = fromCsv(store.get(keys.claims) ?? '');
    if (list.includes(args.item)) return 'claimed';
    if (list.length >= args.limit) return 'limit_exceeded';
    store.set(keys.claims, csv([...list, args.item]), { ttlMs: args.ttlMs });
    return 'claimed';
  },
  decode: (reply) => reply as 'claimed' | 'item_sold' | 'limit_exceeded',
});

export const unclaimScript = defineScript({
  name: 'flashsale-unclaim',
  keys: ['claims'],
  args: { items: 'string', ttlMs: 'number' },
  lua: `
local list = redis.call('GET', KEYS[1])
if not list then return 0 end
local drop = {}
for id in string.gmatch(ARGV[1], '[^,]+') do drop[id] = true end
local kept = {}
for id in string.gmatch(list, '[^,]+') do if not drop[id] then kept[#kept + 1] = id end end
if #kept == 0 then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], table.concat(kept, ','), 'PX', ARGV[2]) end
return #kept`,
  memory: (store, keys, args) => {
    const list = store.get(keys.claims);
    if (list === null) return 0;
    const drop = new Set(fromCsv(args.items));
    const kept = fromCsv(list).filter((id) => !drop.has(id));
    if (kept.length === 0) store.delete(keys.claims);
    else store.set(keys.claims, csv(kept), { ttlMs: args.ttlMs });
    return kept.length;
  },
});

export const holdScript = defineScript({
  name: 'flashsale-hold',
  keys: ['states'],
  args: { indexes: 'string' },
  lua: `
local out = {}
for idx in string.gmatch(ARGV[1], '[^,]+') do
  local c = redis.call('GETRANGE', KEYS[1], idx, idx)
  if c == 'S' or c == 'H' then
    out[#out + 1] = '0'
  else
    redis.call('SETRANGE', KEYS[1], idx, 'H')
    out[#out + 1] = '1'
  end
end
return table.concat(out)`,
  memory: (store, keys, args) => {
    let states = store.get(keys.states);
    let out = '';
    for (const index of fromCsv(args.indexes).map(Number)) {
      const c = charAt(states, index);
      if (c === SOLD || c === HELD) out += '0';
      else {
        states = withChar(states, index, HELD);
        out += '1';
      }
    }
    if (states !== null) store.set(keys.states, states, { keepTtl: true });
    return out;
  },
  decode: (reply) => [...String(reply)].map((c) => c === '1'),
});

/** Replaces `from` states (any but `to` when `from` is null) with `to`, moving the sold counter by `delta` per change. */
function transition(name: string, from: string | null, to: string, delta: number) {
  const test = from === null ? `c ~= '${to}'` : `c == '${from}'`;
  return defineScript({
    name,
    keys: ['states', 'sold'],
    args: { indexes: 'string' },
    lua: `
local changed = 0
for idx in string.gmatch(ARGV[1], '[^,]+') do
  local c = redis.call('GETRANGE', KEYS[1], idx, idx)
  if ${test} then
    redis.call('SETRANGE', KEYS[1], idx, '${to}')
    changed = changed + 1
  end
end
if changed > 0 and ${delta} ~= 0 then redis.call('INCRBY', KEYS[2], ${delta} * changed) end
return changed`,
    memory: (store, keys, args) => {
      let states = store.get(keys.states);
      let changed = 0;
      for (const index of fromCsv(args.indexes).map(Number)) {
        const c = charAt(states, index);
        if (from === null ? c !== to : c === from) {
          states = withChar(states, index, to);
          changed++;
        }
      }
      if (changed > 0) store.set(keys.states, states as string, { keepTtl: true });
      if (changed > 0 && delta !== 0) store.incrementBy(keys.sold, delta * changed);
      return changed;
    },
  });
}

export const unholdScript = transition('flashsale-unhold', HELD, '0', 0);
export const markSoldScript = transition('flashsale-mark-sold', null, SOLD, 1);
export const markFreeScript = transition('flashsale-mark-free', SOLD, '0', -1);

export const reconcileItemsScript = defineScript({
  name: 'flashsale-reconcile-items',
  keys: ['states', 'sold'],
  args: { total: 'number', sold: 'string', ttlMs: 'number' },
  lua: `
local t = {}
for i = 1, tonumber(ARGV[1]) do t[i] = '0' end
local n = 0
for idx in string.gmatch(ARGV[2], '[^,]+') do
  t[tonumber(idx) + 1] = 'S'
  n = n + 1
end
redis.call('SET', KEYS[1], table.concat(t), 'PX', ARGV[3])
redis.call('SET', KEYS[2], n, 'PX', ARGV[3])
return n`,
  memory: (store, keys, args) => {
    const states = Array.from({ length: args.total }, () => '0');
    const sold = fromCsv(args.sold).map(Number);
    for (const index of sold) states[index] = SOLD;
    store.set(keys.states, states.join(''), { ttlMs: args.ttlMs });
    store.set(keys.sold, String(sold.length), { ttlMs: args.ttlMs });
    return sold.length;
  },
});
