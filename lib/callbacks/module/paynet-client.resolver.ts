import type { OnModuleInit } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import { PaynetConfigurationError } from '../../errors/validation.error.js';
import { DEFAULT_CLIENT_NAME } from '../../paynet.constants.js';
import { getPaynetToken } from '../../paynet.tokens.js';
import type { PaynetService } from '../../paynet.service.js';

/**
 * The `PaynetModule` client the callbacks module uses.
 *
 * @throws PaynetConfigurationError naming the client when no `PaynetModule` registered it
 */
export function resolvePaynetService(moduleRef: ModuleRef, client: string | undefined): PaynetService {
  const name = client ?? DEFAULT_CLIENT_NAME;
  try {
    return moduleRef.get<PaynetService>(getPaynetToken(name), { strict: false });
  } catch {
    const register = name === DEFAULT_CLIENT_NAME ? '{ ... }' : `{ name: '${name}', ... }`;
    throw new PaynetConfigurationError([
      `PaynetCallbacksModule: no Paynet client named "${name}" is registered (import PaynetModule.forRoot(${register}) in the app)`,
    ]);
  }
}

/** Resolves the module's client at module init: a missing or misspelt client fails the app's bootstrap. */
export class PaynetCallbacksClientCheck implements OnModuleInit {
  constructor(private readonly resolve: () => PaynetService) {}

  onModuleInit(): void {
    this.resolve();
  }
}
