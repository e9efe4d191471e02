import type { Server } from 'node:http';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import type { SampleConfigShape } from '../config/sample.config.js';

/**
 * The app's own base URL, for the URLs given to Paynet (`return_url`, `confirmation_url`,
 * `succeedUrl`). `PUBLIC_URL` when set (needed with Paynet's real test host, which must reach the
 * app); otherwise the address the server listens on, which the embedded fake reaches.
 * Never derived from the request's Host header, which the client controls.
 */
@Injectable()
export class AppUrl {
  constructor(
    private readonly config: ConfigService<SampleConfigShape, true>,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  get(): string {
    const sample = this.config.get('sample', { infer: true });
    if (sample.publicUrl) return sample.publicUrl;
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    const address = server?.address();
    if (address && typeof address === 'object') {
      const wildcard = address.address === '::' || address.address === '0.0.0.0';
      const host = wildcard
        ? 'localhost'
        : address.family === 'IPv6'
          ? `[${address.address}]`
          : address.address;
      return `http://${host}:${address.port}`;
    }
    return `http://localhost:${sample.port}`;
  }
}
