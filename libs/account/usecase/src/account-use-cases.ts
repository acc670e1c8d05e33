import type { Notifier, ProcessedEvents } from '@mosaic/account-domain';
import { AddBankCard } from './add-bank-card/add-bank-card';
import { ChangeAddress } from './change-address/change-address';
import { Deposit } from './deposit/deposit';
import { DisableBankCard } from './disable-bank-card/disable-bank-card';
import { EnableBankCard } from './enable-bank-card/enable-bank-card';
import { GetAccount } from './get-account/get-account';
import { GetPoints } from './get-points/get-points';
import { GetStatement } from './get-statement/get-statement';
import { ListAccounts } from './list-accounts/list-accounts';
import { ListPoints } from './list-points/list-points';
import { NotifyAccountEvent } from './notify-account-event/notify-account-event';
import { OpenAccount } from './open-account/open-account';
import { OpenPoints } from './open-points/open-points';
import { PurchasePoints } from './purchase-points/purchase-points';
import { RemoveBankCard } from './remove-bank-card/remove-bank-card';
import type { AccountDeps } from './shared/account-deps';
import { Transfer } from './transfer/transfer';
import { Withdraw } from './withdraw/withdraw';

export interface AccountUseCaseOptions extends AccountDeps {
  readonly processedEvents: ProcessedEvents;
  readonly notifier: Notifier;
}

export type AccountUseCases = ReturnType<typeof createAccountUseCases>;

/** Every account use case over one set of ports: what apps build and deliveries call. */
export function createAccountUseCases(options: AccountUseCaseOptions) {
  return {
    openAccount: new OpenAccount(options),
    getAccount: new GetAccount(options),
    listAccounts: new ListAccounts(options),
    getStatement: new GetStatement(options),
    deposit: new Deposit(options),
    withdraw: new Withdraw(options),
    transfer: new Transfer(options),
    changeAddress: new ChangeAddress(options),
    addBankCard: new AddBankCard(options),
    removeBankCard: new RemoveBankCard(options),
    enableBankCard: new EnableBankCard(options),
    disableBankCard: new DisableBankCard(options),
    openPoints: new OpenPoints(options),
    getPoints: new GetPoints(options),
    listPoints: new ListPoints(options),
    purchasePoints: new PurchasePoints(options),
    notifyAccountEvent: new NotifyAccountEvent({ processed: options.processedEvents, notifier: options.notifier, clock: options.clock }),
  };
}
