/**
 * Something a process holds open (a pool, a client, a consumer): servers ask it
 * whether it is reachable for `/ready` and close it, in reverse order of
 * registration, on shutdown.
 */
export interface Resource {
  readonly name: string;
  check(): Promise<void>;
  close(): Promise<void>;
}
