import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

/** One field problem, the same shape the Paynet module uses (`PaynetValidationError.problems`). */
export interface FieldProblem {
  field: string;
  messages: string[];
}

/**
 * A 400 that lists every bad field. JSON callers get
 * `{ statusCode: 400, error, message: string[], fields: [{ field, messages }] }`; the page filter
 * shows the messages next to the form.
 */
export class FormValidationException extends BadRequestException {
  constructor(readonly problems: FieldProblem[]) {
    super({
      statusCode: 400,
      error: 'Bad Request',
      message: problems.flatMap((p) => p.messages),
      fields: problems,
    });
  }
}

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    // One message per field: the top-most decorator of the property (class-validator lists the
    // failed constraints bottom-up), which is the most basic check (required, then format).
    const messages = Object.values(e.constraints ?? {});
    const first = messages[messages.length - 1];
    if (first !== undefined) out.push({ field, messages: [first] });
    if (e.children?.length) out.push(...flatten(e.children, field));
  }
  return out;
}

/**
 * The app-wide `ValidationPipe`: strips nothing silently (unknown fields are an error), converts
 * with the DTOs' own `@Transform`s, never echoes values, and answers {@link FormValidationException}.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new FormValidationException(flatten(errors)),
  });
}
