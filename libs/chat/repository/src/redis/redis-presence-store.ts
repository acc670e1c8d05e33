import type { PresenceStore } from '@mosaic/chat-domain';
import type { RedisClient } from '@mosaic/kit-cache';
import { backendCall } from '../shared/backend-call';

// Per user a sorted set of instance → expiry (ms); and one set of "user\ninstance" →
// expiry over everyone, which the sweep walks from the oldest expiry.
const CONNECT = `
local live = redis.call('ZCOUNT', KEYS[1], '(' .. ARGV[3], '+inf')
redis.call('ZADD', KEYS[1], ARGV[4], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1] .. '\\n' .. ARGV[2])
if live == 0 then return 1 end
return 0`;

const DISCONNECT = `
local removed = redis.call('ZREM', KEYS[1], ARGV[2])
redis.call('ZREM', KEYS[2], ARGV[1] .. '\\n' .. ARGV[2])
if removed == 1 and redis.call('ZCOUNT', KEYS[1], '(' .. ARGV[3], '+inf') == 0 then return 1 end
return 0`;

const RENEW = `
for i = 4, #ARGV do
  redis.call('ZADD', ARGV[1] .. ARGV[i], ARGV[2], ARGV[3])
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[i] .. '\\n' .. ARGV[3])
end
return #ARGV - 3`;

const EXPIRE = `
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, 1000)
local gone = {}
for _, member in ipairs(expired) do
  redis.call('ZREM', KEYS[1], member)
  local sep = string.find(member, '\\n', 1, true)
  local user = string.sub(member, 1, sep - 1)
  local instance = string.sub(member, sep + 1)
  local key = ARGV[2] .. user
  local score = redis.call('ZSCORE', key, instance)
  if score and tonumber(score) <= tonumber(ARGV[1]) then redis.call('ZREM', key, instance) end
  if redis.call('ZCOUNT', key, '(' .. ARGV[1], '+inf') == 0 then table.insert(gone, user) end
end
return gone`;

/**
 * Presence in Redis, shared by every instance: each hold expires unless its instance
 * renews it, and every change is one Lua script, so two instances sweeping at once
 * report each user's expiry once.
 */
export class RedisPresenceStore implements PresenceStore {
  private readonly userPrefix: string;
  private readonly allKey: string;

  constructor(
    private readonly redis: RedisClient,
    namespace: string,
  ) {
    this.userPrefix = `${namespace}:presence:u:`;
    this.allKey = `${namespace}:presence:all`;
  }

  connect(userId: string, instance: string, nowMs: number, ttlMs: number): Promise<boolean> {
    return backendCall(
      'presence',
      async () => (await this.redis.eval(CONNECT, 2, this.userPrefix + userId, this.allKey, userId, instance, nowMs, nowMs + ttlMs)) === 1,
    );
  }

  disconnect(userId: string, instance: string, nowMs: number): Promise<boolean> {
    return backendCall('presence', async () => (await this.redis.eval(DISCONNECT, 2, this.userPrefix + userId, this.allKey, userId, instance, nowMs)) === 1);
  }

  renew(userIds: readonly string[], instance: string, nowMs: number, ttlMs: number): Promise<void> {
    return backendCall('presence', async () => {
      for (let start = 0; start < userIds.length; start += 500) {
        await this.redis.eval(RENEW, 1, this.allKey, this.userPrefix, nowMs + ttlMs, instance, ...userIds.slice(start, start + 500));
      }
    });
  }

  expire(nowMs: number): Promise<string[]> {
    return backendCall('presence', async () => {
      const gone = (await this.redis.eval(EXPIRE, 1, this.allKey, nowMs, this.userPrefix)) as string[];
      return [...new Set(gone)];
    });
  }

  online(userIds: readonly string[], nowMs: number): Promise<Set<string>> {
    return backendCall('presence', async () => {
      if (userIds.length === 0) return new Set<string>();
      const pipeline = this.redis.pipeline();
      for (const userId of userIds) pipeline.zcount(this.userPrefix + userId, `(${nowMs}`, '+inf');
      const replies = (await pipeline.exec()) ?? [];
      return new Set(userIds.filter((_, index) => Number(replies[index]?.[1] ?? 0) > 0));
    });
  }
}
