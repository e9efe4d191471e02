import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
} from 'class-validator';
import { bindMethods } from '../internal/bind-methods.js';
import { isLocalOrPrivateHost, type PaynetEnvironment } from '../internal/config.js';
import { formatAmount } from '../client/money.js';
import type { PaynetRequestOptions } from '../internal/request-sender.js';
import { validateRequest } from '../internal/validation.js';
import { IsLiraAmount } from '../dto/common/validators.js';
import { PaynetConfigurationError, PaynetValidationError } from '../errors/validation.error.js';
import type { TransactionsResource } from '../resources/transactions.resource.js';
import { ThreeDsReturnDto } from './callback.dto.js';
import { isSitePathOrHttpsUrl } from './site-url.js';

/** paynet.js hosts per environment (as Paynet documents them). */
export const PAYNET_READY_FORM_SCRIPTS: Readonly<Record<PaynetEnvironment, string>> = {
  test: 'https://pts-pj.paynet.com.tr/public/js/paynet.min.js',
  live: 'https://pj.paynet.com.tr/public/js/paynet.min.js',
};

/**
 * The ready form ("Hazır Form", paynet.js) settings. Each becomes a `data-*` attribute of the script
 * tag; the same values must be sent again to `transactions.charge`, which
 * {@link PaynetReadyForm.complete} does from this object. The full attribute table of the ready
 * form page was not retrievable (Paynet's doc page is incomplete); these are the attributes paynet.js reads.
 */
export class ReadyFormDto {
  /** Amount in lira; written as `data-amount` in kuruş (x100), as `transactions.charge` expects. */
  @IsLiraAmount()
  amount!: number;

  /** URL the form posts `session_id` / `token_id` to (your controller). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  action!: string;

  @IsOptional()
  @IsString()
  @MaxLength(140)
  description?: string;

  @IsOptional()
  @IsString()
  @MaxLength(60)
  button_label?: string;

  /** Dealer code (`data-agent`). */
  @IsOptional()
  @IsString()
  @MaxLength(10)
  agent?: string;

  /** `data-add_commission_amount`: add Paynet's commission to the amount. */
  @IsOptional()
  @IsBoolean()
  add_commission_amount?: boolean;

  @IsOptional()
  @IsBoolean()
  no_instalment?: boolean;

  /** `data-tds_required` (paynet.js default: true). */
  @IsOptional()
  @IsBoolean()
  tds_required?: boolean;

  @IsOptional()
  @IsIn([1, 5])
  pos_type?: number;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  ratio_code?: string;

  /** Allowed instalments, e.g. `"3,6,9"`. */
  @IsOptional()
  @Matches(/^\d+(,\d+)*$/)
  installments?: string;

  @IsOptional()
  @IsBoolean()
  show_tds_error?: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  invoice_no?: string;

  @IsOptional()
  @IsBoolean()
  save_card?: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  save_card_desc?: string;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  save_carduid?: string;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  save_cardoid?: string;

  @IsOptional()
  @Matches(/^\d{10}$/)
  save_card_gsmno?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  return_url?: string;
}

const ATTRIBUTES: ReadonlyArray<keyof ReadyFormDto> = [
  'button_label',
  'description',
  'agent',
  'add_commission_amount',
  'no_instalment',
  'tds_required',
  'pos_type',
  'ratio_code',
  'installments',
  'show_tds_error',
  'invoice_no',
  'save_card',
  'save_card_desc',
  'save_carduid',
  'save_cardoid',
  'save_card_gsmno',
  'return_url',
];

/** HTML attribute escaping. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function refuse(field: string, message: string): never {
  throw new PaynetValidationError('ready-form', [{ field, messages: [message] }]);
}

/** The form's `action`: see {@link isSitePathOrHttpsUrl}. */
function checkFormAction(action: string): void {
  if (!isSitePathOrHttpsUrl(action))
    refuse('action', 'action must be a path on this site (/pay) or an https URL');
}

/**
 * A `scriptUrl` override: Paynet's paynet.js host for the environment over https, or a loopback /
 * private test host (the fake Paynet) over http or https. Anything else is refused.
 */
function checkScriptUrl(scriptUrl: string, environment: PaynetEnvironment): void {
  const expected = new URL(PAYNET_READY_FORM_SCRIPTS[environment]);
  const message = `scriptUrl must be Paynet's script on ${expected.host} (or a local test host)`;
  let url: URL;
  try {
    url = new URL(scriptUrl);
  } catch {
    return refuse('scriptUrl', message);
  }
  if (url.username || url.password) refuse('scriptUrl', message);
  if (url.protocol === 'https:' && url.host === expected.host) return;
  if ((url.protocol === 'http:' || url.protocol === 'https:') && isLocalOrPrivateHost(url.hostname)) return;
  refuse('scriptUrl', message);
}

/**
 * Server side of Paynet's ready form (paynet.js): renders the form with its script tag, and
 * completes the payment from what the form posts back.
 */
export class PaynetReadyForm {
  constructor(
    private readonly transactions: Pick<TransactionsResource, 'charge'>,
    private readonly config: { publishableKey?: string; environment: PaynetEnvironment },
  ) {
    // `const { render, complete } = paynet.readyForm` keeps its form helper
    bindMethods(this);
  }

  /**
   * The `<form>` with the paynet.js script tag, every value validated and escaped.
   * @example res.send(`<html><body>${paynet.readyForm.render({ amount: 20.5, action: '/pay' })}</body></html>`)
   * @throws PaynetValidationError for bad settings; PaynetConfigurationError without a publishable key
   */
  render(form: ReadyFormDto, scriptUrl?: string): string {
    const dto = validateRequest(ReadyFormDto, form, 'ready-form');
    if (!this.config.publishableKey) {
      throw new PaynetConfigurationError(['publishableKey is required to render the ready form']);
    }
    checkFormAction(dto.action);
    const script = scriptUrl ?? PAYNET_READY_FORM_SCRIPTS[this.config.environment];
    if (scriptUrl !== undefined) checkScriptUrl(scriptUrl, this.config.environment);
    const attrs: string[] = [
      `src="${escapeHtml(script)}"`,
      'class="paynet-button"',
      'type="text/javascript"',
      `data-key="${escapeHtml(this.config.publishableKey)}"`,
      `data-amount="${formatAmount(dto.amount, 'x100')}"`,
    ];
    for (const name of ATTRIBUTES) {
      const value = dto[name];
      if (value !== undefined) attrs.push(`data-${name}="${escapeHtml(String(value))}"`);
    }
    return `<form action="${escapeHtml(dto.action)}" method="post" name="checkout-form">\n  <script ${attrs.join(' ')}></script>\n</form>`;
  }

  /**
   * Charges the card from the ready form's post (`session_id`, `token_id`) with the same settings the
   * form was rendered with. Safe to call twice for the same post (Paynet answers code 100).
   * @throws PaynetValidationError for a malformed post; PaynetCardDeclinedError; PaynetApiError
   */
  async complete(
    post: unknown,
    form: ReadyFormDto,
    extra: { reference_no?: string; transaction_type?: 1 | 3 } = {},
    options?: PaynetRequestOptions,
  ): Promise<Awaited<ReturnType<TransactionsResource['charge']>>> {
    const { session_id, token_id } = validateRequest(ThreeDsReturnDto, pickSession(post), 'ready-form post');
    return this.transactions.charge(
      {
        session_id,
        token_id,
        amount: form.amount,
        transaction_type: extra.transaction_type ?? 1,
        add_comission_amount: form.add_commission_amount ?? false,
        ratio_code: form.ratio_code ?? '',
        ...(form.installments !== undefined ? { installments: form.installments } : {}),
        ...(form.no_instalment !== undefined ? { no_instalment: form.no_instalment } : {}),
        ...(form.tds_required !== undefined ? { tds_required: form.tds_required } : {}),
        ...(extra.reference_no !== undefined ? { reference_no: extra.reference_no } : {}),
      },
      options,
    );
  }
}

/** Keeps only the two fields the form posts that matter (the rest is open-ended). */
function pickSession(post: unknown): Record<string, unknown> {
  const p = (post ?? {}) as Record<string, unknown>;
  return { session_id: p.session_id, token_id: p.token_id };
}
