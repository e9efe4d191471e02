/**
 * The HTML side of the fake: the 3D bank page, the PayLink pay page, the slip, the subscription
 * page and the panel stub (the page templates: pages.ts).
 */
import type http from 'node:http';
import { formatTl } from './amounts.js';
import { expiredDecline, maskPan, type FakeDecline } from './cards.js';
import { FakeApiError } from './errors.js';
import type { FakeEnv } from './handlers/context.js';
import { payLink, payLinkBlocked } from './handlers/pay-links.js';
import { completeThreeDsSession, findThreeDs, threeDsReturnForm } from './handlers/payments.js';
import { HTML_TYPE, send } from './http-io.js';
import {
  autoPostPage,
  messagePage,
  payLinkPage,
  threeDsDeclinedPage,
  threeDsPage,
  type PayLinkFormValues,
} from './pages.js';
import { readPayForm } from './pay-form.js';
import { FAKE_COMPANY, type FakeStore } from './state.js';
import { dotDateTime, isRecord } from './util.js';

/** Answers a page request (GET, or POST of a form); answers the status sent. */
export function servePage(
  res: http.ServerResponse,
  store: FakeStore,
  env: FakeEnv,
  method: string,
  path: string,
  query: string,
  body: unknown,
): number {
  const q = new URLSearchParams(query);
  const form = isRecord(body) ? body : {};
  const field = (k: string): string | undefined => {
    const v = form[k] ?? q.get(k) ?? undefined;
    return v === undefined || v === null ? undefined : String(v);
  };
  const html = (status: number, text: string) => (send(res, status, text, HTML_TYPE), status);
  if (method !== 'GET' && method !== 'POST')
    return html(405, messagePage('405', 'Bu adres yalnızca GET ve POST kabul eder.'));

  if (path === '/fake-bank/3d') {
    const s = findThreeDs(store, field('session_id') ?? '', field('token_id') ?? '');
    if (!s) return html(404, messagePage('3D Secure', 'Oturum bulunamadı.'));
    const expired = expiredDecline(store.clock.now(), s.month, s.year);
    if (expired && s.state === 'pending') {
      // the bank refuses an expired card before asking for the password
      s.state = 'failed';
      if (s.return_url) {
        return html(
          200,
          threeDsDeclinedPage({
            return_url: s.return_url,
            fields: threeDsReturnForm(store, s),
            message: `${expired.bank_error_message}: ${expired.bank_error_long_desc} (${expired.bank_error_id})`,
            maskedCard: maskPan(s.pan),
          }),
        );
      }
    }
    const password = method === 'POST' ? field('password') : undefined;
    if (password === undefined && s.state === 'pending') {
      return html(
        200,
        threeDsPage({
          action: `/fake-bank/3d?session_id=${encodeURIComponent(s.session_id)}&token_id=${encodeURIComponent(s.token_id)}`,
          session_id: s.session_id,
          token_id: s.token_id,
          amount: formatTl(s.amount),
          maskedCard: maskPan(s.pan),
          merchant: FAKE_COMPANY.name,
        }),
      );
    }
    completeThreeDsSession(s, password);
    if (!s.return_url) {
      return html(
        200,
        messagePage('3D Secure', s.state === 'authenticated' ? 'Doğrulama başarılı' : 'Doğrulama başarısız'),
      );
    }
    return html(200, autoPostPage(s.return_url, threeDsReturnForm(store, s)));
  }

  if (path.startsWith('/paylink/')) {
    const link = store.payLinks.get(path.slice('/paylink/'.length));
    if (!link) return html(404, messagePage('Paynet Ödeme', 'Ödeme linki bulunamadı'));
    const action = `/paylink/${link.id}`;
    const show = (status: number, error?: string, values?: PayLinkFormValues) =>
      html(
        status,
        payLinkPage({
          action,
          name: link.name_surname,
          amount: formatTl(link.amount),
          note: link.note,
          ...(error ? { error } : {}),
          ...(values ? { values } : {}),
        }),
      );
    const blocked = payLinkBlocked(store, link);
    if (blocked) return html(410, messagePage('Paynet Ödeme', blocked));
    if (method === 'GET' || field('pan') === undefined) return show(200);
    const read = readPayForm(form);
    if (!read.ok) return show(400, read.error, read.values);
    let result;
    try {
      result = payLink(store, env, link, read.card, read.card.instalment);
    } catch (err) {
      const message =
        err instanceof FakeApiError && err.resultCode === 21
          ? 'Bu kart için seçilen taksit sayısı kullanılamıyor.'
          : 'Ödeme alınamadı; bilgileri kontrol edip yeniden deneyin.';
      return show(400, message, read.values);
    }
    const { tx } = result;
    const target = tx.is_succeed ? link.succeed_url : link.error_url;
    if (target) {
      const sep = target.includes('?') ? '&' : '?';
      res.writeHead(303, {
        Location: `${target}${sep}xact_id=${encodeURIComponent(tx.xact_id)}`,
        'Content-Length': 0,
      });
      res.end();
      return 303;
    }
    return tx.is_succeed
      ? html(200, messagePage('Ödeme başarılı', `İşlem numarası: ${tx.xact_id}`))
      : show(402, declineText(tx.decline), payFormValues(form));
  }

  if (path === '/fake-slip') {
    const tx = store.txByXactId.get(field('xact_id') ?? '');
    if (!tx) return html(404, messagePage('Slip', 'İşlem bulunamadı'));
    return html(
      200,
      messagePage(
        'İşlem Slipi',
        `${dotDateTime(tx.created)} · ${tx.card.masked} · ${formatTl(tx.amount)} TL · ${tx.authorization_code}`,
      ),
    );
  }
  if (path.startsWith('/fake-subscription/')) {
    const sub = store.subscriptions.get(path.slice('/fake-subscription/'.length));
    if (!sub) return html(404, messagePage('Düzenli Ödeme', 'Abonelik bulunamadı'));
    return html(
      200,
      messagePage(
        'Düzenli Ödeme',
        `${String(sub.fields.name_surname ?? '')} · ${formatTl(sub.amount)} TL · ${sub.reference_no}`,
      ),
    );
  }
  if (path === '/fake-panel') return html(200, messagePage('Paynet Panel (fake)', 'Giriş yapıldı'));
  return html(404, messagePage('404', 'Sayfa bulunamadı.'));
}

/** The bank's Turkish message of a declined PayLink payment. */
function declineText(d: (FakeDecline & { paynet_error_message?: string }) | undefined): string {
  if (!d) return 'Ödeme alınamadı.';
  return d.bank_error_message
    ? `${d.bank_error_message}: ${d.bank_error_long_desc}`
    : (d.paynet_error_message ?? 'Ödeme alınamadı.');
}

/** The values of a PayLink form to show again (never the card number or the CVC). */
function payFormValues(form: Record<string, unknown>): PayLinkFormValues {
  return readPayForm(form).values;
}
