/**
 * The PayLink page's card form, checked the way a Turkish payment page checks it: one Turkish
 * message per problem, and the values to show again (never the card number or the CVC).
 */
import { luhnValid } from '../../dto/common/luhn.js';
import { findTestCard } from './cards.js';
import { PAY_LINK_INSTALMENTS, type PayLinkFormValues } from './pages.js';

/** A card form that passed the checks. */
export interface PayFormCard {
  pan: string;
  holder: string;
  month: number;
  year: number;
  instalment: number;
}

/** The outcome of reading the form: the card, or the first problem; `values` either way. */
export type PayFormResult =
  | { ok: true; card: PayFormCard; values: PayLinkFormValues }
  | { ok: false; error: string; values: PayLinkFormValues };

function text(form: Record<string, unknown>, key: string): string {
  const v = form[key];
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

/** Reads and checks the PayLink page's form fields. */
export function readPayForm(form: Record<string, unknown>): PayFormResult {
  const holder = text(form, 'card_holder');
  const monthText = text(form, 'month');
  const yearText = text(form, 'year');
  const instalmentText = text(form, 'instalment') || '0';
  const values: PayLinkFormValues = {
    card_holder: holder.slice(0, 50),
    month: monthText.slice(0, 2),
    year: yearText.slice(0, 4),
    instalment: instalmentText,
  };
  const fail = (error: string): PayFormResult => ({ ok: false, error, values });
  if (holder === '') return fail('Kart sahibinin adını yazın.');
  if (holder.length > 50) return fail('Kart sahibinin adı en fazla 50 karakter olabilir.');
  const pan = text(form, 'pan').replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(pan)) return fail('Kart numarası 12 ile 19 rakam arasında olmalı.');
  if (!findTestCard(pan) && !luhnValid(pan)) return fail('Kart numarası geçerli değil; kontrol edin.');
  if (!/^\d{1,2}$/.test(monthText) || Number(monthText) < 1 || Number(monthText) > 12) {
    return fail('Son kullanma ayı 1 ile 12 arasında olmalı.');
  }
  if (!/^(\d{2}|\d{4})$/.test(yearText)) return fail('Son kullanma yılı 2 ya da 4 rakam olmalı.');
  const cvc = text(form, 'cvc');
  if (!/^\d{3,4}$/.test(cvc)) return fail('Güvenlik kodu (CVC) 3 ya da 4 rakam olmalı.');
  if (!PAY_LINK_INSTALMENTS.some((o) => o.value === instalmentText)) {
    values.instalment = '0';
    return fail('Taksit seçeneği geçerli değil.');
  }
  const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
  return {
    ok: true,
    card: { pan, holder, month: Number(monthText), year, instalment: Number(instalmentText) },
    values,
  };
}
