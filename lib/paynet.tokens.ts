import { DEFAULT_CLIENT_NAME } from './paynet.constants.js';
import { PaynetService } from './paynet.service.js';

/**
 * The injection token of a client: `PaynetService` itself for the default client, a Symbol for a
 * named one. Prefer `@InjectPaynet(name)`.
 */
export function getPaynetToken(name: string = DEFAULT_CLIENT_NAME): typeof PaynetService | symbol {
  return name === DEFAULT_CLIENT_NAME ? PaynetService : Symbol.for(`nestjs-paynet-tr:client:${name}`);
}
