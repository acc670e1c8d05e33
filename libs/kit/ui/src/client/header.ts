import { describeError } from './error-messages';
import { session, type User } from './session';
import { toast } from './toast';

/** Where the sign-in page is, when this app runs auth (the shell says so on <body>). */
export function signInPath(): string | undefined {
  return document.body.dataset.signIn || undefined;
}

/** The sign-in link that brings the person back here afterwards. */
export function signInHref(next: string = location.pathname + location.search): string | undefined {
  const path = signInPath();
  return path ? `${path}?next=${encodeURIComponent(next)}` : undefined;
}

/** Fills the header's user slot: "Sign in", or the user's name with "Sign out". */
export function mountUserSlot(): void {
  const slot = document.getElementById('mx-user');
  if (!slot || !signInPath()) return;
  session.subscribe((user) => render(slot, user));
}

function render(slot: HTMLElement, user: User | null): void {
  const href = signInHref();
  if (!user) {
    if (!href) return;
    const link = document.createElement('a');
    link.className = 'button small';
    link.href = href;
    link.textContent = 'Sign in';
    // On the sign-in page itself the link would only point back at it.
    slot.replaceChildren(...(location.pathname === signInPath() ? [] : [link]));
    return;
  }
  const name = document.createElement('span');
  name.className = 'mx-user__name';
  name.id = 'mx-user-name';
  name.textContent = user.name || user.email;
  name.title = user.email;
  const out = document.createElement('button');
  out.type = 'button';
  out.className = 'secondary small';
  out.id = 'mx-sign-out';
  out.textContent = 'Sign out';
  out.addEventListener('click', () => {
    out.disabled = true;
    session
      .signOut()
      .then(() => toast('Signed out'))
      .catch((error: unknown) => toast(describeError(error), 'bad'))
      .finally(() => (out.disabled = false));
  });
  slot.replaceChildren(name, out);
}
