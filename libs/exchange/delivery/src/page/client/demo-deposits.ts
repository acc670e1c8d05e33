/** What one click of "Get test funds" deposits per currency: enough to try both sides of every default market. */
const DEMO_AMOUNTS: Readonly<Record<string, string>> = { USDT: '10000', BTC: '1', ETH: '10' };
/** For a currency a deployment lists beyond the defaults; whole units fit any currency's scale. */
const OTHER_AMOUNT = '100';

/**
 * The deposits for every currency the markets trade, each once, in the order the
 * markets name them. Amounts stay decimal strings, as the API takes them.
 */
export function demoDeposits(products: readonly { baseCurrency: string; quoteCurrency: string }[]): { currency: string; amount: string }[] {
  const currencies = new Set(products.flatMap((p) => [p.baseCurrency, p.quoteCurrency]));
  return [...currencies].map((currency) => ({ currency, amount: DEMO_AMOUNTS[currency] ?? OTHER_AMOUNT }));
}
