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

  constructor(path: string, problems: PaynetFieldProblem[]) {
    const summary = problems.flatMap((p) => p.messages).join('; ');
    super(`Invalid request for ${path}: ${summary}`);
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
    super(`Invalid Paynet configuration: ${problems.join('; ')}`);
    this.problems = problems;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), problems: this.problems };
  }
}
