import { ConfigurableModuleBuilder, Logger, type Provider } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import axios from 'axios';
import type { PaynetLogger } from './client/logger.js';
import { DEFAULT_CLIENT_NAME } from './paynet.constants.js';
import { PaynetConfigurationError } from './errors/validation.error.js';
import type { PaynetModuleExtras, PaynetModuleOptions } from './paynet.interfaces.js';
import { PaynetService } from './paynet.service.js';
import { getPaynetToken } from './paynet.tokens.js';

export const {
  ConfigurableModuleClass: PaynetConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN: PAYNET_MODULE_OPTIONS,
  OPTIONS_TYPE: PAYNET_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: PAYNET_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<PaynetModuleOptions>({ moduleName: 'Paynet' })
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createPaynetOptions')
  .setExtras<PaynetModuleExtras>({ isGlobal: false, name: DEFAULT_CLIENT_NAME }, (definition, extras) => {
    const name = extras.name ?? DEFAULT_CLIENT_NAME;
    const token = getPaynetToken(name);
    const aliases = name === DEFAULT_CLIENT_NAME ? otherCopiesOfPaynetService() : [];
    return {
      ...definition,
      global: extras.isGlobal ?? false,
      // no HttpModule: Nest shares its HttpService app-wide, so the application's own axios
      // interceptors would see every Paynet request with its Authorization header (issue 14)
      imports: [...(definition.imports ?? [])],
      providers: [
        ...(definition.providers ?? []),
        createClientProvider(name),
        ...aliases.map((other) => ({ provide: other, useExisting: PaynetService })),
      ],
      exports: [token, ...aliases],
    };
  })
  .build();

type ServiceClass = abstract new (...args: never[]) => unknown;

/**
 * Every `PaynetService` class loaded in this process: the ESM and the CommonJS build of this
 * package can both be loaded (the dual-package hazard), each with its own class. The default
 * client is also provided under the other copies' classes, so injecting `PaynetService` works
 * whichever copy the injecting code imported.
 */
const SERVICE_CLASSES = Symbol.for('nestjs-paynet-tr:service-classes');
const serviceClasses = ((globalThis as { [SERVICE_CLASSES]?: Set<ServiceClass> })[SERVICE_CLASSES] ??=
  new Set<ServiceClass>());
serviceClasses.add(PaynetService);

function otherCopiesOfPaynetService(): ServiceClass[] {
  return [...serviceClasses].filter((c) => c !== PaynetService);
}

/**
 * The provider that builds one named client from the module options, on an axios instance of its
 * own (or the `httpClient` option's instance, when one is handed in).
 */
export function createClientProvider(name: string): Provider {
  return {
    provide: getPaynetToken(name),
    inject: [PAYNET_MODULE_OPTIONS, { token: ModulesContainer, optional: true }],
    useFactory: (options: PaynetModuleOptions, modules?: ModulesContainer): PaynetService => {
      claimClientName(name, modules);
      const own = axios.create();
      return new PaynetService(
        options,
        {
          // an axios instance of this client's own; the `httpClient` option, when given, wins
          requester: (config) => own.request(config),
          logger: nestLogger(name === DEFAULT_CLIENT_NAME ? 'Paynet' : `Paynet:${name}`),
        },
        name,
      );
    },
  };
}

/** The client names of each running application (its modules container), to refuse a duplicate. */
const CLIENT_NAMES = new WeakMap<object, Set<string>>();

/**
 * Two `forRoot` / `forRootAsync` with one name in one application would silently give every
 * injection one of the two clients (whichever Nest resolved last), keys and all (attack F18): the
 * second one fails the bootstrap, naming the duplicate.
 */
function claimClientName(name: string, modules: ModulesContainer | undefined): void {
  if (!modules) return;
  let names = CLIENT_NAMES.get(modules);
  if (!names) CLIENT_NAMES.set(modules, (names = new Set()));
  if (names.has(name)) {
    const which =
      name === DEFAULT_CLIENT_NAME ? 'the default (unnamed) Paynet client' : `the Paynet client "${name}"`;
    throw new PaynetConfigurationError([
      `PaynetModule.forRoot / forRootAsync was registered twice for ${which} in one application; ` +
        'register it once (isGlobal: true to share it) or give the other a name ({ name: "b2b", ... })',
    ]);
  }
  names.add(name);
}

/**
 * Nest's `Logger` for a client, plus the level check that lets the request layer skip building
 * per-call debug lines the application's logger would drop anyway.
 */
function nestLogger(context: string): PaynetLogger {
  const logger = new Logger(context);
  return {
    log: (message) => logger.log(message),
    warn: (message) => logger.warn(message),
    error: (message) => logger.error(message),
    debug: (message) => logger.debug(message),
    isLevelEnabled: (level) => Logger.isLevelEnabled(level),
  };
}
