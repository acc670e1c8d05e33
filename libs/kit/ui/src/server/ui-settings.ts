/** A link in the header: one per product page the app serves. */
export interface NavLink {
  readonly label: string;
  readonly href: string;
}

/** What the shared chrome needs to know about the app around a page. */
export interface UiSettings {
  /** Header navigation, in order; only pages this app really serves. */
  readonly nav: readonly NavLink[];
  /** Where the shared sign-in page is, when the app runs auth; without it the header shows no user. */
  readonly signInPath?: string;
  /** Extra footer links (e.g. the API reference), same rule: only what exists. */
  readonly footerLinks?: readonly NavLink[];
}

export const DEFAULT_UI_SETTINGS: UiSettings = { nav: [{ label: 'Home', href: '/' }] };

/** The path of the shared sign-in page. */
export const SIGN_IN_PATH = '/signin';
