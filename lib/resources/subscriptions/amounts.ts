/**
 * The amount fields of the subscription services that carry money (create, amount updates,
 * invoices): lira numbers sent as x100 strings (`20.5` -> `"2050"`).
 */
export const SUBSCRIPTION_AMOUNTS = Object.freeze({
  amount: 'x100',
  agent_amount: 'x100',
  company_amount: 'x100',
} as const);
