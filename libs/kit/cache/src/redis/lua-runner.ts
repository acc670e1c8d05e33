import type { Redis } from 'ioredis';

/**
 * Runs Lua by its SHA-1 so each script crosses the network once per server: SCRIPT
 * LOAD on first use from a client, then EVALSHA; a NOSCRIPT reply (server restarted,
 * failed over, or SCRIPT FLUSH) falls back to EVAL, which reloads it.
 */
export class LuaRunner {
  private readonly loaded = new Map<string, Promise<unknown>>();

  constructor(private readonly client: Redis) {}

  async run(sha1: string, lua: string, keys: readonly string[], args: readonly string[]): Promise<unknown> {
    await this.load(sha1, lua);
    try {
      return await this.client.evalsha(sha1, keys.length, ...keys, ...args);
    } catch (error) {
      if (!isNoScript(error)) throw error;
      return this.client.eval(lua, keys.length, ...keys, ...args);
    }
  }

  private load(sha1: string, lua: string): Promise<unknown> {
    let loading = this.loaded.get(sha1);
    if (!loading) {
      loading = this.client.script('LOAD', lua);
      // A failed load is retried by the next call rather than remembered.
      loading.catch(() => this.loaded.delete(sha1));
      this.loaded.set(sha1, loading);
    }
    return loading;
  }
}

function isNoScript(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('NOSCRIPT');
}
