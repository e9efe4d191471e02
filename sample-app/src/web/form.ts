import { html, type SafeHtml } from './html.js';
import type { FieldProblem } from './validation.js';
import { t } from './i18n.js';

/** What a form shows again after a failed post: the values typed (never card data) and the problems. */
export interface FormState {
  values: Record<string, string>;
  problems: FieldProblem[];
}

export const EMPTY_FORM: FormState = { values: {}, problems: [] };

/**
 * Fields a page never writes back into a form: card number, CVC, the SMS code. The payer types
 * them again (and they never land in HTML, logs or the database).
 */
const NEVER_ECHO = new Set(['card_number', 'pan', 'cvc', 'cvv', 'otp_code']);

/** Labels of fields, including the wire names the Paynet module reports (`pan`, `month`...). */
const LABELS: Record<string, string> = {
  productId: 'Product',
  card_holder: 'Card holder',
  card_number: 'Card number',
  pan: 'Card number',
  expiry: 'Expiry',
  month: 'Expiry month',
  year: 'Expiry year',
  cvc: 'CVC',
  mode: 'Payment mode',
  preauth: 'Pre-authorise',
  instalment: 'Instalments',
  amount: 'Amount',
  name_surname: 'Payer name',
  email: 'E-mail',
  note: 'Note',
  expire_hours: 'Valid for',
  expire_date: 'Valid for',
  user_gsm: 'Mobile number',
  otp_code: 'SMS code',
  otp_session_id: 'Code session',
  card_desc: 'Card name',
  card_hash: 'Stored card',
  bin: 'Card BIN',
  lang: 'Language',
  password: 'Password',
  next: 'Next page',
  confirm: 'Confirmation',
};

export function fieldLabel(field: string): string {
  return LABELS[field] ?? field;
}

/** Keeps the posted values a form may show again (strings only, card data dropped). */
export function echoValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (body === null || typeof body !== 'object') return out;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (NEVER_ECHO.has(k)) continue;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
      out[k] = String(v).slice(0, 200);
  }
  return out;
}

/** The message a problem shows: ours already start with the label; the module's start with the wire name. */
export function problemText(p: FieldProblem): string[] {
  const label = t(fieldLabel(p.field));
  return p.messages.map((en) => {
    const m = t(en);
    return m.startsWith(label) ? m : `${label}: ${m}`;
  });
}

/** The red box at the top of a form. */
export function problemSummary(problems: FieldProblem[]): SafeHtml {
  if (problems.length === 0) return html``;
  return html`<div class="alert error" role="alert" data-testid="form-errors">
    <strong>${t('Please correct the following:')}</strong>
    <ul>
      ${problems.flatMap(problemText).map((m) => html`<li>${m}</li>`)}
    </ul>
  </div>`;
}

export interface InputOptions {
  type?: 'text' | 'email' | 'tel' | 'password';
  placeholder?: string;
  autocomplete?: string;
  inputmode?: 'numeric' | 'decimal' | 'text' | 'tel';
  value?: string;
  hint?: string;
}

/** A labelled input with its own error line. */
export function input(state: FormState, name: string, label: string, options: InputOptions = {}): SafeHtml {
  const problem = state.problems.find((p) => p.field === name);
  const value = options.value ?? (NEVER_ECHO.has(name) ? '' : (state.values[name] ?? ''));
  return html`<div>
    <label for="f-${name}">${t(label)}</label>
    <input
      id="f-${name}"
      name="${name}"
      type="${options.type ?? 'text'}"
      value="${value}"
      ${options.placeholder ? html`placeholder="${options.placeholder}"` : ''}
      ${options.autocomplete ? html`autocomplete="${options.autocomplete}"` : ''}
      ${options.inputmode ? html`inputmode="${options.inputmode}"` : ''}
      class="${problem ? 'invalid' : ''}"
      ${problem ? html`aria-invalid="true"` : ''}
    />
    ${options.hint ? html`<div class="muted">${options.hint}</div>` : ''}
    ${problem ? html`<div class="field-error" data-field="${name}">${problemText(problem).join(' ')}</div>` : ''}
  </div>`;
}

/** A hidden input. */
export function hidden(name: string, value: string): SafeHtml {
  return html`<input type="hidden" name="${name}" value="${value}" />`;
}

/** A small POST form with one button (order actions, delete...). */
export function postButton(
  action: string,
  label: string,
  options: { fields?: Record<string, string>; variant?: 'secondary' | 'danger'; testId?: string } = {},
): SafeHtml {
  const fields = Object.entries(options.fields ?? {}).map(([k, v]) => hidden(k, v));
  return html`<form method="post" action="${action}">
    ${fields}<button
      type="submit"
      class="small ${options.variant ?? ''}"
      ${options.testId ? html`data-testid="${options.testId}"` : ''}
    >
      ${t(label)}
    </button>
  </form>`;
}
