import { amountOf, minus, plus } from '../assets/amounts';
import type { DepositCommand, WithdrawCommand } from '../commands/commands';
import type { EngineState } from './engine-state';
import type { CommandResult } from '../events/exchange-events';

/** Credits a user's available balance; the currency must be one a listed product trades. */
export function deposit(state: EngineState, command: DepositCommand): CommandResult {
  const currency = state.currencies.get(command.currency);
  if (currency === undefined) return state.reject('deposit', 'unknown_currency', `unknown currency ${command.currency}`);
  if (typeof command.amount !== 'bigint' || command.amount <= 0n)
    return state.reject('deposit', 'invalid_amount', 'amount must be a positive number of minor units');
  const balance = state.account(command.userId).balance(currency);
  const amount = amountOf(command.amount);
  balance.available = plus(balance.available, amount);
  currency.deposited = plus(currency.deposited, amount);
  state.touchBalance(balance);
  if (state.reporting) state.events.push({ type: 'deposit', userId: command.userId, currency: currency.code, amount: command.amount, time: state.time });
  return state.accept(null, 'deposit');
}

/** Debits a user's available balance; funds on hold for open orders cannot be withdrawn. */
export function withdraw(state: EngineState, command: WithdrawCommand): CommandResult {
  const currency = state.currencies.get(command.currency);
  if (currency === undefined) return state.reject('withdraw', 'unknown_currency', `unknown currency ${command.currency}`);
  if (typeof command.amount !== 'bigint' || command.amount <= 0n)
    return state.reject('withdraw', 'invalid_amount', 'amount must be a positive number of minor units');
  const balance = state.accounts.get(command.userId)?.existingBalance(currency);
  const amount = amountOf(command.amount);
  if (balance === undefined || balance.available < amount) {
    return state.reject('withdraw', 'insufficient_funds', `insufficient ${currency.code} available`);
  }
  balance.available = minus(balance.available, amount);
  currency.withdrawn = plus(currency.withdrawn, amount);
  state.touchBalance(balance);
  if (state.reporting) state.events.push({ type: 'withdrawal', userId: command.userId, currency: currency.code, amount: command.amount, time: state.time });
  return state.accept(null, 'withdraw');
}
