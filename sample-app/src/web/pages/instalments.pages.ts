import { formatLira } from '../../orders/money.js';
import type { InstalmentRow } from '../../payments/instalments.service.js';
import { EMPTY_FORM, input, problemSummary, type FormState } from '../form.js';
import { html, type SafeHtml } from '../html.js';
import { t } from '../i18n.js';
import { layout, type PageContext } from '../layout.js';

/* The instalment table: what each bank offers for an amount (`paynet.ratios.get`). */

export interface InstalmentsPageData {
  amount?: number;
  bin?: string;
  rows: InstalmentRow[];
  form?: FormState;
}

export function instalmentsPage(ctx: PageContext, data: InstalmentsPageData): SafeHtml {
  const form = data.form ?? EMPTY_FORM;
  const values: FormState = {
    problems: form.problems,
    values: {
      ...(data.amount !== undefined ? { amount: data.amount.toFixed(2).replace('.', ',') } : {}),
      ...(data.bin ? { bin: data.bin } : {}),
      ...form.values,
    },
  };
  return layout(
    ctx,
    'Instalments',
    'instalments',
    html`<h1>${t('Instalment table')}</h1>
      <p class="muted">
        ${t('What each bank offers for an amount, from')} <code>paynet.ratios.get({ amount })</code>.
      </p>
      <div class="panel">
        ${problemSummary(form.problems)}
        <form
          method="get"
          action="/instalments"
          class="row"
          novalidate
          style="align-items:flex-end"
          data-testid="instalments-form"
        >
          ${input(values, 'amount', 'Amount (TL)', { inputmode: 'decimal', placeholder: '250,00' })}
          ${input(values, 'bin', 'Card BIN (first 6 digits, optional)', { inputmode: 'numeric', placeholder: '435508' })}
          <div style="flex:0"><button type="submit">${t('Show')}</button></div>
        </form>
      </div>
      ${
        data.rows.length === 0
          ? data.amount !== undefined && form.problems.length === 0
            ? html`<div class="panel muted">${t('No instalment options for this amount.')}</div>`
            : ''
          : instalmentMatrix(data.rows)
      }`,
  );
}

/** Banks down, instalment counts across: the per-instalment amount, with the total below it. */
function instalmentMatrix(rows: InstalmentRow[]): SafeHtml {
  const banks = [...new Set(rows.map((r) => r.bank))];
  const counts = [...new Set(rows.map((r) => Math.max(r.instalment, 1)))].sort((a, b) => a - b);
  const cells = new Map(rows.map((r) => [`${r.bank}|${Math.max(r.instalment, 1)}`, r]));
  const cell = (bank: string, n: number): SafeHtml => {
    const r = cells.get(`${bank}|${n}`);
    if (!r) return html`<td class="num muted">–</td>`;
    return html`<td class="num" title="${`${t('rate')} ${(r.ratio * 100).toFixed(2)} %`}">
      ${r.instalmentAmount !== undefined ? formatLira(r.instalmentAmount) : ''}
      <div class="muted">${r.totalAmount !== undefined ? formatLira(r.totalAmount) : ''}</div>
    </td>`;
  };
  return html`<div class="panel" style="overflow-x:auto">
    <p class="muted" style="margin-top:0">
      ${t("Per-instalment amount, and below it the total the payer pays with the bank's rate.")}
    </p>
    <table class="matrix" data-testid="instalments">
      <tr>
        <th>${t('Bank')}</th>
        ${counts.map((n) => html`<th class="num">${n === 1 ? t('Single') : `${n} ×`}</th>`)}
      </tr>
      ${banks.map(
        (bank) =>
          html`<tr>
            <td>${bank}</td>
            ${counts.map((n) => cell(bank, n))}
          </tr>`,
      )}
    </table>
  </div>`;
}
