/** Transaction services (İşlem): capture, check, detail, list, marking, info, slip, upload, report, escrow. */
import { toLira } from '../amounts.js';
import { badRequest } from '../errors.js';
import type { FakeTransaction } from '../records.js';
import { FAKE_COMPANY } from '../state.js';
import { dotDate, isoTr, timeTr, trDay } from '../util.js';
import {
  dayRange,
  findTx,
  ok,
  pageFields,
  pageWindow,
  route,
  type FakeContext,
  type FakeRoute,
} from './context.js';
import { checkRow, txBody, xactLetter } from './tx-bodies.js';

const TYPE_DESC: Record<number, string> = {
  1: 'Satış',
  3: 'Ön Provizyon',
  4: 'Finansallaştırma',
  5: 'Ön Provizyon İptal',
  6: 'Finansallaştırma İptal',
};

function capture(ctx: FakeContext): Record<string, unknown> {
  const tx = findTx(ctx, ['xact_id', 'xact', 'reference_no']);
  const amount = ctx.f.amount('amount', 'x100');
  if (tx.transaction_type !== 3 || !tx.is_succeed) {
    throw badRequest('only a successful pre-authorisation (transaction_type 3) can be captured', 19);
  }
  if (tx.status !== 'authorized')
    throw badRequest(`the pre-authorisation is ${tx.status}; it cannot be captured`, 19);
  if (amount !== undefined && (amount <= 0 || amount > tx.amount)) {
    throw badRequest('amount must be greater than zero and not exceed the pre-authorised amount');
  }
  tx.captured = amount ?? tx.amount;
  tx.status = 'captured';
  return txBody({ ...tx, amount: tx.captured }, 'v1', { transaction_type: 4 });
}

function check(ctx: FakeContext): Record<string, unknown> {
  const tx = findTx(ctx, ['xact_id', 'reference_no']);
  // by reference_no, every transaction of that reference ("matching transactions": a multi-payment
  // PayLink's payments, a declined attempt and its retry), oldest first; by xact_id, that one
  const reference = ctx.f.str('reference_no');
  const rows =
    reference && !ctx.f.str('xact_id')
      ? [...ctx.store.txByXactId.values()].filter((t) => t.reference_no === reference)
      : [tx];
  return ok('transaction_check', { Data: rows.map(checkRow) });
}

/** A transaction as a transaction/detail row. */
export function detailRow(tx: FakeTransaction): Record<string, unknown> {
  const net = toLira(tx.amount - tx.comission - tx.comission_tax);
  return {
    ...checkRow(tx),
    xact_type_desc: TYPE_DESC[tx.transaction_type] ?? '',
    channel_id: 'API',
    pos_type_desc: tx.pos_type === 1 ? 'Süpürmeli POS' : 'Paynet POS',
    agent_name: tx.agent_id ? 'Fake Bayi' : '',
    company_name: FAKE_COMPANY.name,
    company_code: FAKE_COMPANY.code,
    user_name: tx.user_id,
    ratio_code_method: '',
    end_user_ratio: tx.end_user_comission > 0 ? tx.ratio : 0,
    bank_name: tx.card.bank_name,
    reversed: tx.refunded > 0 || tx.status === 'preauth_reversed' || tx.status === 'capture_reversed',
    reversed_xact_id: tx.last_reversed_xact_id ?? '',
    company_amount: toLira(tx.amount),
    company_commission: toLira(tx.comission),
    company_commission_with_tax: toLira(tx.comission + tx.comission_tax),
    company_net_amount: net,
    agent_amount: 0,
    agent_commission: 0,
    agent_commission_with_tax: 0,
    agent_net_amount: 0,
    company_cost_ratio: tx.ratio,
    company_pay_ratio: 1,
    payment_string: '',
    instalment_text: tx.instalment > 1 ? `${tx.instalment} Taksit` : 'Tek Çekim',
    ipaddress: '127.0.0.1',
    client_id: '',
    captured_amount: toLira(tx.captured),
    refunded_amount: toLira(tx.refunded),
    is_escrow: tx.is_escrow,
    escrow_status: tx.escrow_status ?? null,
    is_transferred: tx.transferred,
  };
}

function detail(ctx: FakeContext): Record<string, unknown> {
  const tx = findTx(ctx, ['id', 'xact_id', 'xact', 'reference_no']);
  return ok('transaction_detail', { Data: [detailRow(tx)] });
}

function listRow(tx: FakeTransaction): Record<string, unknown> {
  const net = toLira(tx.amount - tx.comission - tx.comission_tax);
  return {
    companyCode: FAKE_COMPANY.code,
    companyName: FAKE_COMPANY.name,
    agent_id: tx.agent_id,
    agent_referans_no: tx.agent_reference_no,
    agent_name: tx.agent_id ? 'Fake Bayi' : '',
    xact_id: tx.xact_id,
    xact_date: dotDate(tx.created),
    is_tds: tx.is_tds,
    bank_id: tx.card.bank_id,
    bank_name: tx.card.bank_name,
    card_no: tx.card.masked,
    card_holder: tx.card.holder,
    card_type: tx.card.card_type,
    card_type_name: tx.card.card_type === 'dc' ? 'Banka Kartı' : 'Kredi Kartı',
    authorization_code: tx.authorization_code,
    reference_code: tx.reference_code,
    order_id: tx.order_id,
    postype_desc: tx.pos_type === 1 ? 'Süpürmeli POS' : 'Paynet POS',
    xact_type: xactLetter(tx),
    xacttype_desc: TYPE_DESC[tx.transaction_type] ?? '',
    fiscal_period_id: '',
    sector_id: '',
    sectorid_desc: '',
    merchant_id: '',
    channel_name: 'API',
    ipaddress: '127.0.0.1',
    client_id: '',
    xact_transaction_id: tx.xact_transaction_id,
    terminal_id: '',
    is_succeed: tx.is_succeed,
    reversed: tx.refunded > 0,
    is_reconcile: false,
    is_payup: false,
    is_onchargeback: false,
    is_transferred: tx.transferred,
    reversed_xact_id: tx.last_reversed_xact_id ?? '',
    channel_id: 'API',
    pos_type: tx.pos_type,
    instalment: tx.instalment,
    amount: toLira(tx.amount),
    net_amount: net,
    comission: toLira(tx.comission),
    comission_tax: toLira(tx.comission_tax),
    currency: tx.currency,
    ratio: tx.ratio,
    end_user_comission: toLira(tx.end_user_comission),
    user_id: tx.user_id,
    xact_time: timeTr(tx.created),
    xact_note: tx.note,
    xact_agent_reference: tx.reference_no,
    company_pay_ratio: 1,
    company_cost_ratio: tx.ratio,
    ana_firma_brut_alacak: toLira(tx.amount),
    ana_firma_komisyonu: toLira(tx.comission),
    ana_firma_komisyonu_kdv_dahil: toLira(tx.comission + tx.comission_tax),
    ana_firma_odenecek_net_tutar: net,
    bayi_brut_alacak: 0,
    bayi_komisyonu: 0,
    bayi_komisyonu_kdv_dahil: 0,
    bayiye_odenecek_net_tutar: 0,
    cp_mfi_vdate: dotDate(tx.created + 86_400_000),
    cp_mfi_vdate_day: 1,
    ap_mfi_vdate: '',
    ap_mfi_vdate_day: 0,
  };
}

function list(ctx: FakeContext): Record<string, unknown> {
  const f = ctx.f;
  const { from, to } = dayRange(f, true);
  const showUnsucceed = f.bool('show_unsucceed') ?? false;
  const untransferred = f.bool('untransferred') ?? false;
  const agent = f.str('agent_id');
  const bank = f.str('bank_id');
  const user = f.str('user_id');
  const index = showUnsucceed ? ctx.store.txDays : ctx.store.txOkDays;
  let rows: FakeTransaction[];
  let total: number;
  let sum: number;
  let w: ReturnType<typeof pageWindow>;
  if (!untransferred && !agent && !bank && !user) {
    const stats = index.stats(from, to);
    total = stats.count;
    sum = stats.sum;
    w = pageWindow(f, total);
    rows = index.slice(from, to, w.start, w.end);
  } else {
    const all = index.filter(
      from,
      to,
      (t) =>
        (!untransferred || !t.transferred) &&
        (!agent || t.agent_id === agent) &&
        (!bank || t.card.bank_id === bank) &&
        (!user || t.user_id === user),
    );
    total = all.length;
    sum = all.reduce((a, t) => a + t.amount, 0);
    w = pageWindow(f, total);
    rows = all.slice(w.start, w.end);
  }
  return {
    companyCode: FAKE_COMPANY.code,
    companyName: FAKE_COMPANY.name,
    total_amount: toLira(sum),
    ...pageFields(w, total),
    object_name: 'transaction_list',
    code: 0,
    message: 'Başarılı İşlem',
    Data: rows.map(listRow),
  };
}

function markTransferred(ctx: FakeContext): Record<string, unknown> {
  const tx = findTx(ctx, ['xact_id']);
  ctx.f.amount('amount', 'decimal');
  ctx.f.amount('exchange_rate', 'decimal');
  tx.transferred = true;
  const doc = ctx.f.str('document_no');
  if (doc) tx.document_no = doc;
  return ok('transaction_mark_transferred');
}

function addInfo(ctx: FakeContext): Record<string, unknown> {
  const tx = findTx(ctx, ['xact_id']);
  const f = ctx.f;
  tx.note = f.str('note') ?? tx.note;
  tx.email = f.str('email') ?? tx.email;
  tx.phone = f.str('phone') ?? tx.phone;
  tx.agent_reference_no = f.str('agent_reference') ?? tx.agent_reference_no;
  const ref = f.str('reference_no');
  if (ref && ref !== tx.reference_no) {
    tx.reference_no = ref;
    ctx.store.txByReference.set(ref, tx);
  }
  return ok('transaction_add_info');
}

function slip(ctx: FakeContext): Record<string, unknown> {
  const tx = findTx(ctx, ['xact_id']);
  const f = ctx.f;
  if (f.bool('send_mail', { aliases: ['send_email'] })) f.reqStr('email');
  if (f.bool('send_sms')) f.reqStr('phone');
  const url = `${ctx.env.baseUrl()}/fake-slip?xact_id=${encodeURIComponent(tx.xact_id)}`;
  return ok('transaction_slip', { url });
}

function upload(ctx: FakeContext): Record<string, unknown> {
  const tx = findTx(ctx, ['xact_id']);
  const data = ctx.f.reqStr('pars_base64');
  if (!/^[A-Za-z0-9+/=\s]+$/.test(data)) throw badRequest('pars_base64 must be base64');
  tx.signature_uploaded = true;
  return ok('file_upload');
}

function paymentList(ctx: FakeContext): Record<string, unknown> {
  const date = ctx.f.date('date') ?? ctx.store.clock.now();
  const day = trDay(date);
  const { count } = ctx.store.txOkDays.stats(day, day);
  const rows = ctx.store.txOkDays.slice(day, day, 0, count).map((tx) => {
    const net = tx.amount - tx.comission - tx.comission_tax;
    return {
      agent_service_amount: 0,
      agent_pay_amount: 0,
      company_pay_amount: toLira(net),
      company_service_amount: toLira(tx.comission + tx.comission_tax),
      due_date: isoTr(tx.created + 86_400_000),
      company_code: FAKE_COMPANY.code,
      company_name: FAKE_COMPANY.name,
      agent_id: tx.agent_id,
      agent_name: tx.agent_id ? 'Fake Bayi' : '',
      xact_id: tx.xact_id,
      xact_date: isoTr(tx.created),
      bank_id: tx.card.bank_id,
      bank_name: tx.card.bank_name,
      card_no: tx.card.masked,
      card_holder: tx.card.holder,
      card_type: tx.card.card_type,
      authorization_code: tx.authorization_code,
      reference_code: tx.reference_code,
      order_id: tx.order_id,
      xact_type: xactLetter(tx),
      is_succeed: tx.is_succeed,
      pos_type: tx.pos_type,
      instalment: tx.instalment,
      plus_installment: 0,
      ratio: tx.ratio,
      user_id: tx.user_id,
      amount: toLira(tx.amount),
    };
  });
  return {
    total: rows.length,
    total_count: rows.length,
    object_name: 'payment_list',
    code: 0,
    message: 'Başarılı İşlem',
    Data: rows,
  };
}

function escrow(ctx: FakeContext): Record<string, unknown> {
  const tx = findTx(ctx, ['xact_id', 'xact']);
  const f = ctx.f;
  const status = f.reqInt('status');
  if (status !== 2 && status !== 3) throw badRequest('status must be 2 (approve) or 3 (reject)');
  f.str('note', { max: 256 });
  const agentAmount = f.amount('agent_amount', 'decimal');
  if (!tx.is_escrow || !tx.is_succeed)
    throw badRequest('the transaction is not a successful escrow payment', 19);
  if (agentAmount !== undefined && agentAmount > tx.amount)
    throw badRequest('agent_amount must not exceed the amount');
  tx.escrow_status = status;
  return ok('escrow_status_update');
}

export const transactionRoutes: readonly FakeRoute[] = [
  route('/v1/transaction/capture', capture),
  route('/v1/transaction/check', check),
  route('/v1/transaction/detail', detail),
  route('/v1/transaction/list', list),
  route('/v1/transaction/mark_transferred', markTransferred),
  route('/v1/transaction/add_info', addInfo),
  route('/v1/transaction/slip', slip),
  route('/v1/transaction/upload', upload),
  route('/v1/transaction/payment_list', paymentList),
  route('/v1/transaction/escrow_status_update', escrow),
];
