/** The transaction answers of the payment and transaction services, and their list rows. */
import { toLira } from '../amounts.js';
import type { FakeTransaction } from '../records.js';
import { isoTr } from '../util.js';

/** Which shape of transaction answer to build. */
export type TxVariant = 'v2' | 'tds' | 'v1';

/**
 * The transaction answer of payment / tds_charge (v2: unprefixed and `bank_` fields) and of
 * charge / capture / capture_reversal (v1).
 */
export function txBody(
  tx: FakeTransaction,
  variant: TxVariant,
  opts: { code?: number; message?: string; transaction_type?: number; object_name?: string } = {},
): Record<string, unknown> {
  const d = tx.decline;
  const code = opts.code ?? (tx.is_succeed ? 0 : 1);
  const message = opts.message ?? (tx.is_succeed ? 'Başarılı İşlem' : 'Başarısız İşlem');
  const body: Record<string, unknown> = {
    object_name: opts.object_name ?? (variant === 'v1' ? 'transaction' : 'payment'),
    code,
    message,
    id: String(tx.id),
    xact_id: tx.xact_id,
    xact_date: isoTr(tx.created),
    transaction_type: opts.transaction_type ?? tx.transaction_type,
    pos_type: tx.pos_type,
    is_tds: tx.is_tds,
  };
  if (variant === 'tds') body.md_status = tx.md_status ?? (tx.is_succeed ? '1' : '0');
  Object.assign(body, {
    agent_id: tx.agent_id,
    user_id: tx.user_id,
    email: tx.email,
    phone: tx.phone,
    bank_id: tx.card.bank_id,
    instalment: tx.instalment,
    ...(variant === 'v1' ? {} : { installment: tx.instalment }),
    ratio: tx.ratio,
    card_no_masked: tx.card.masked,
    card_holder: tx.card.holder,
    amount: toLira(tx.amount),
    net_amount: toLira(tx.amount - tx.comission - tx.comission_tax),
    comission: toLira(tx.comission),
    comission_tax: toLira(tx.comission_tax),
    currency: tx.currency,
    authorization_code: tx.authorization_code,
    reference_code: tx.reference_code,
    order_id: tx.order_id,
    is_succeed: tx.is_succeed,
    paynet_error_id: d?.paynet_error_id ?? '',
    paynet_error_message: d?.paynet_error_message ?? '',
    bank_error_id: d?.bank_error_id ?? '',
    bank_error_message: d?.bank_error_message ?? '',
    bank_error_short_desc: d?.bank_error_short_desc ?? '',
    bank_error_long_desc: d?.bank_error_long_desc ?? '',
    agent_reference_no: tx.agent_reference_no,
    ratio_code: tx.ratio_code,
    end_user_comission: toLira(tx.end_user_comission),
  });
  if (variant !== 'v1') {
    Object.assign(body, {
      bank_authorization_code: tx.authorization_code,
      bank_reference_code: tx.reference_code,
      bank_order_id: tx.order_id,
      reference_no: tx.reference_no,
      xact_transaction_id: tx.xact_transaction_id,
      bank_name: tx.card.bank_name,
      card_type: tx.card.card_type,
      card_brand_name: tx.card.brand,
      campaign_url: '',
      end_user_ratio: tx.end_user_comission > 0 ? tx.ratio : 0,
      ratio_code_method: '',
      plus_installment: 0,
      company_cost_ratio: tx.ratio,
      company_commission: toLira(tx.comission),
      company_commission_with_tax: toLira(tx.comission + tx.comission_tax),
      company_net_amount: toLira(tx.amount - tx.comission - tx.comission_tax),
      card_bank_id: tx.card.bank_id,
      card_logo_url: `https://fake.paynet.local/img/banklogo/small/${tx.card.bank_id}.png`,
    });
  } else {
    body.reference_no = tx.reference_no;
  }
  Object.assign(body, {
    is_save_card_succeed: tx.saved_card !== undefined,
    save_card_result_message: tx.saved_card ? 'Kart kaydedildi' : '',
    card_owner_id: tx.saved_card?.card_owner_id ?? '',
    user_unique_id: tx.saved_card?.user_unique_id ?? '',
    ...(variant === 'v1' ? {} : { card_hash: tx.saved_card?.card_hash ?? '' }),
  });
  return body;
}

/** A transaction as a row of transaction/check (both netAmount spellings). */
export function checkRow(tx: FakeTransaction): Record<string, unknown> {
  const net = toLira(tx.amount - tx.comission - tx.comission_tax);
  return {
    xact_id: tx.xact_id,
    id: tx.id,
    xact_date: isoTr(tx.created),
    transaction_type: tx.transaction_type,
    pos_type: tx.pos_type,
    is_tds: tx.is_tds,
    agent_id: tx.agent_id,
    note: tx.note,
    ratio: tx.ratio,
    agent_reference: tx.reference_no,
    bank_id: tx.card.bank_id,
    instalment: tx.instalment,
    card_type: tx.card.card_type,
    card_no: tx.card.masked,
    card_holder: tx.card.holder,
    amount: toLira(tx.amount),
    netAmount: net,
    net_amount: net,
    comission: toLira(tx.comission),
    comission_tax: toLira(tx.comission_tax),
    currency: tx.currency,
    authorization_code: tx.authorization_code,
    reference_code: tx.reference_code,
    order_id: tx.order_id,
    is_succeed: tx.is_succeed,
    xact_transaction_id: tx.xact_transaction_id,
    email: tx.email,
    phone: tx.phone,
    ratio_code: tx.ratio_code,
    end_user_comission: toLira(tx.end_user_comission),
    reference_no: tx.reference_no,
    status: tx.status,
    object_name: 'transaction',
    message: tx.is_succeed ? 'Başarılı İşlem' : (tx.decline?.bank_error_message ?? 'Başarısız İşlem'),
  };
}

/** Letter code of a transaction for list rows (S sale, PR pre-auth, CR capture...). */
export function xactLetter(tx: FakeTransaction): string {
  switch (tx.status) {
    case 'authorized':
      return 'PR';
    case 'captured':
      return 'CR';
    case 'preauth_reversed':
      return 'RP';
    case 'capture_reversed':
      return 'RC';
    case 'cancelled':
      return 'R';
    case 'refunded':
    case 'partially_refunded':
      return 'CD';
    default:
      return tx.transaction_type === 3 ? 'PR' : 'S';
  }
}
