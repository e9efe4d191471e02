import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Response } from 'express';
import type { SampleConfigShape } from '../config/sample.config.js';
import type { SafeHtml } from './html.js';
import type { PageContext } from './layout.js';

/** The header context of every page, and how pages are sent. */
@Injectable()
export class Pages {
  constructor(private readonly config: ConfigService<SampleConfigShape, true>) {}

  get ctx(): PageContext {
    const sample = this.config.get('sample', { infer: true });
    return {
      fakePaynet: sample.fakePaynet,
      environment: sample.paynet.environment,
      directPayments: sample.directPayments,
    };
  }

  send(res: Response, page: SafeHtml, status = 200): void {
    res.status(status).type('html').setHeader('Cache-Control', 'no-store');
    res.send(page.value);
  }
}
