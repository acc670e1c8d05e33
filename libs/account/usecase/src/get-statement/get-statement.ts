import type { Account, LedgerPage } from '@mosaic/account-domain';
import { invalid, isId } from '@mosaic/kit-core';
import type { AccountDeps } from '../shared/account-deps';
import type { Actor } from '../shared/actor';
import { readableAccount } from '../shared/ownership';

export const DEFAULT_STATEMENT_LIMIT = 20;
export const MAX_STATEMENT_LIMIT = 100;

export interface StatementQuery {
  readonly actor: Actor;
  readonly accountId: string;
  /** The previous page's `nextCursor`: entries older than this entry id. */
  readonly cursor?: string;
  readonly limit?: number;
}

export interface Statement {
  readonly account: Account;
  readonly page: LedgerPage;
}

/** An account's ledger, newest entry first, one page at a time by cursor (the entry id). */
export class GetStatement {
  constructor(private readonly deps: Pick<AccountDeps, 'accounts' | 'ledger'>) {}

  async execute(query: StatementQuery): Promise<Statement> {
    if (query.cursor !== undefined && !isId(query.cursor)) {
      throw invalid('invalid_cursor', 'cursor must be an entry id from a previous page', { details: [{ path: 'query.cursor', message: 'not an entry id' }] });
    }
    const limit = query.limit ?? DEFAULT_STATEMENT_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_STATEMENT_LIMIT) {
      throw invalid('invalid_limit', `limit must be an integer from 1 to ${MAX_STATEMENT_LIMIT}`, {
        details: [{ path: 'query.limit', message: 'out of range' }],
      });
    }
    const account = await readableAccount(this.deps.accounts, query.accountId, query.actor);
    const page = await this.deps.ledger.page(account.id, { before: query.cursor, limit });
    return { account, page };
  }
}
