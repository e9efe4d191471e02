/**
 * The subscription object as `subscriptions.detail` returns it (and, presumably, the rows of
 * `subscriptions.list`). The doc table stops after `user_name`; `subscription_id`,
 * `company_code`, the fields from `agent_note` on and `plan[]` come from one third-party
 * TypeScript type, so treat them as best effort. Amounts are decimals in lira,
 * as Paynet sends them.
 */
export interface PaynetSubscription {
  /** Subscription id (GUID). */
  subscription_id?: string;
  /** Parent company code. */
  company_code?: string;
  name_surname?: string;
  /** Amount of each charge in lira. */
  amount?: number;
  /** 0 daily, 1 weekly, 2 monthly, 3 yearly. */
  interval?: number;
  interval_count?: number;
  begin_date?: string;
  reference_no?: string;
  end_user_email?: string;
  end_user_gsm?: string;
  agent_id?: string;
  agent_amount?: number;
  company_amount?: number;
  end_user_desc?: string;
  /** The doc types it decimal; it is the add-commission flag. */
  addcomission_to_amount?: boolean | number;
  currency?: string;
  /** Every N intervals (default 0); typed string in the doc. */
  period?: string | number;
  user_name?: string;
  agent_note?: string;
  confirmation_webhook?: string;
  /** (sic) */
  suceed_webhook?: string;
  error_webhook?: string;
  confirmation_redirect_url?: string;
  send_mail?: boolean;
  send_sms?: boolean;
  is_fixed_price?: boolean;
  agent_logo?: string;
  attempt_day_count?: number;
  daily_attempt_count?: number;
  is_charge_on_card_confirmation?: boolean;
  group_reference_no?: string;
  otp_control?: boolean;
  /** Charge schedule, one row per period. */
  plan?: SubscriptionPlanRow[];
  [key: string]: unknown;
}

/** One period of a subscription's charge schedule (`plan[]` of `subscriptions.detail`). */
export interface SubscriptionPlanRow {
  /** Plan row id (input of `subscriptions.updatePlanAmount`). */
  plan_id?: number;
  /** Invoice id (input of `subscriptions.listInvoiceAttempts`). */
  invoice_id?: number;
  /** Charge date. */
  val_date?: string;
  /** Amount in lira. */
  amount?: number;
  /** Charge transaction id (0 while not charged, presumably). */
  xact_id?: number;
  /** Status code (see `SubscriptionStatusCode`). */
  status?: number;
  status_desc?: string;
  [key: string]: unknown;
}
