import { sanitizeExcerpt } from '../redaction/index.js';
import { PaynetError } from './paynet.error.js';

/** One field problem found before sending. */
export interface PaynetFieldProblem {
  /** Field path, e.g. `amount` or `plan[0].amount`. */
  field: string;
  /** Human-readable problems (`amount must be a positive number`); never the value itself. */
  messages: string[];
}

/**
 * The request failed client-side validation: nothing was sent. Lists every field problem.
 */
export class PaynetValidationError extends PaynetError {
  override readonly kind: string = 'validation_error';
  /** The service path that was not called. */
  readonly path: string;
  /** Every problem found. */
  readonly problems: PaynetFieldProblem[];

  /**
   * @param options.cause what made the request unreadable (kept sanitised, see {@link PaynetError}).
   */
  constructor(path: string, rawProblems: PaynetFieldProblem[], options?: { cause?: unknown }) {
    const problems = rawProblems.map((p) => ({
      field: sanitizeExcerpt(String(p.field), 200),
      messages: p.messages.map((m) => sanitizeExcerpt(String(m), 500)),
    }));
    const summary = problems.flatMap((p) => p.messages).join('; ');
    super(`Invalid request for ${path}: ${summary}`, options);
    this.path = path;
    this.problems = problems;
  }

  /** Names of the fields with problems. */
  get fields(): string[] {
    return this.problems.map((p) => p.field);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), path: this.path, problems: this.problems };
  }
}

/** The module options are wrong. Thrown once at bootstrap, listing every problem. */
export class PaynetConfigurationError extends PaynetError {
  override readonly kind: string = 'configuration_error';
  /** Every problem found. */
  readonly problems: string[];

  constructor(problems: string[]) {
    const safe = problems.map((p) => sanitizeExcerpt(String(p), 500));
    super(`Invalid Paynet configuration: ${safe.join('; ')}`);
    this.problems = safe;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), problems: this.problems };
  }
}
