import { SUPPORTED_CURRENCIES } from '@mosaic/account-domain';
import { escapeHtml } from '@mosaic/kit-http';
import { pageRouter } from '@mosaic/kit-ui';
import type { Router } from 'express';

const ENTRY = 'libs/account/delivery/src/page/client/account-page.tsx';

/**
 * The account page in the shared look: `app.use(accountPageRouter('/accounts/'))`.
 * The browser code talks to the account API (`/api/v1/accounts`, `/transfers`,
 * `/points`) with the signed-in user's session.
 */
export function accountPageRouter(path = '/accounts/', options: { readonly allowTestDeposits?: boolean } = {}): Router {
  return pageRouter({
    path,
    title: 'Accounts',
    description: 'Your Mosaic accounts: balances, transfers, ledger and points',
    entry: ENTRY,
    // The deposit rule of the API behind it, so the page offers a deposit only where one is granted.
    body: `<div id="account-app" data-currencies="${escapeHtml(SUPPORTED_CURRENCIES.join(','))}" data-test-deposits="${options.allowTestDeposits ? 'true' : 'false'}"><p class="muted">Loading your accounts…</p></div>`,
  });
}
