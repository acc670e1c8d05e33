import type { DomainEvent } from '@mosaic/account-domain';

type Data = DomainEvent['data'];

const str = (data: Data, key: string): string => {
  const value = data[key];
  return typeof value === 'string' ? value : String(value ?? '');
};
const tail = (id: string) => `…${id.slice(-4)}`;

/**
 * The text each recipient of an event reads, short enough for an SMS. Events this
 * consumer does not know (a newer producer) produce no message rather than a wrong one.
 */
export function notificationText(event: Pick<DomainEvent, 'type' | 'data'>, recipient: string): string | undefined {
  const { data } = event;
  switch (event.type) {
    case 'account.opened':
      return `Your ${str(data, 'currency')} account ${tail(str(data, 'accountId'))} is open.`;
    case 'account.deposited':
      return `${str(data, 'amount')} ${str(data, 'currency')} was deposited into account ${tail(str(data, 'accountId'))}. Balance: ${str(data, 'balance')}.`;
    case 'account.withdrawn':
      return `${str(data, 'amount')} ${str(data, 'currency')} was withdrawn from account ${tail(str(data, 'accountId'))} to card …${str(data, 'cardLast4')}.`;
    case 'account.transferred': {
      const amount = `${str(data, 'amount')} ${str(data, 'currency')}`;
      const from = tail(str(data, 'fromAccountId'));
      const to = tail(str(data, 'toAccountId'));
      if (str(data, 'fromOwnerId') === recipient && str(data, 'toOwnerId') === recipient) return `You moved ${amount} from account ${from} to account ${to}.`;
      if (str(data, 'fromOwnerId') === recipient) return `You sent ${amount} from account ${from} to account ${to}.`;
      return `You received ${amount} into account ${to}.`;
    }
    case 'account.address-changed':
      return `The address of account ${tail(str(data, 'accountId'))} was changed. If this was not you, contact support.`;
    case 'account.card-added':
      return `Card …${str(data, 'cardLast4')} (${str(data, 'bankName')}) was added to account ${tail(str(data, 'accountId'))}.`;
    case 'account.card-removed':
      return `Card …${str(data, 'cardLast4')} was removed from account ${tail(str(data, 'accountId'))}.`;
    case 'account.card-enabled':
      return `Card …${str(data, 'cardLast4')} on account ${tail(str(data, 'accountId'))} is enabled.`;
    case 'account.card-disabled':
      return `Card …${str(data, 'cardLast4')} on account ${tail(str(data, 'accountId'))} is disabled.`;
    case 'points.opened':
      return `Your points balance ${tail(str(data, 'pointsId'))} is open.`;
    case 'points.purchased':
      return `You bought ${str(data, 'points')} points for ${str(data, 'paid')} ${str(data, 'currency')}. Points balance: ${str(data, 'balance')}.`;
    default:
      return undefined;
  }
}
