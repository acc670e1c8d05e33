/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The browser side of the shared look: import it from a page's entry and call
// `startPage()` first. It never touches the server's modules.
import { mountUserSlot } from './header';

export { api, newIdempotencyKey } from './api';
export type { ApiOptions } from './api';
export { ApiError, NetworkError } from './api-error';
export type { ErrorDetail } from './api-error';
export { describeError, fieldOf } from './error-messages';
export { signInHref, signInPath } from './header';
export { safeNextPath } from './next-path';
export { onAsync } from './on-async';
export { session, SessionClient } from './session';
export type { User } from './session';
export { toast } from './toast';
export type { ToastKind } from './toast';

/** Wires the header (signed-in user, sign in / sign out); call once per page. */
export function startPage(): void {
  mountUserSlot();
}
