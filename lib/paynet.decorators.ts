import { Inject } from '@nestjs/common';
import { getPaynetToken } from './paynet.tokens.js';

/**
 * Injects a Paynet client: the default one without a name, a named one (`forRoot({ name })`) with.
 * @example constructor(@InjectPaynet('b2b') private readonly b2b: PaynetService) {}
 */
export function InjectPaynet(name?: string): PropertyDecorator & ParameterDecorator {
  return Inject(getPaynetToken(name));
}
