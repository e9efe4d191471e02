// Type-checks under "moduleResolution": "bundler": every entry point resolves, with types.
import { PaynetModule, PaynetService, isPaynetError, PaynetError } from 'nestjs-paynet-tr';
import { PaynetFakeServer, PaynetTestingModule } from 'nestjs-paynet-tr/testing';
import { PaynetHealthIndicator, PaynetHealthModule } from 'nestjs-paynet-tr/health';
import { applyPaynetSwagger } from 'nestjs-paynet-tr/swagger';

export const entryPoints: unknown[] = [
  PaynetModule,
  PaynetService,
  PaynetFakeServer,
  PaynetTestingModule,
  PaynetHealthIndicator,
  PaynetHealthModule,
  applyPaynetSwagger,
];
export const check = (err: unknown): string => (isPaynetError(err) ? err.kind : err instanceof PaynetError ? 'x' : '');
