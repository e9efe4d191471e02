import type { INestApplication } from '@nestjs/common';
import { PaynetService } from '../../lib/index.js';
import { PAYNET_FAKE_SERVER, type PaynetFakeServer } from '../../lib/testing/index.js';

/** The good test card the callback suites pay with. */
export const TEST_CARD = {
  card_holder: 'Test Payer',
  pan: '4355084355084358',
  month: 12,
  year: 2030,
  cvc: '000',
};

/**
 * Starts a Nest app built on `PaynetTestingModule` on a free port of 127.0.0.1: its base URL (never
 * `[::1]` or `localhost`), the testing module's fake Paynet and the app's `PaynetService`.
 */
export async function listenWithFake(
  app: INestApplication,
): Promise<{ base: string; fake: PaynetFakeServer; paynet: PaynetService }> {
  await app.listen(0, '127.0.0.1');
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1').replace('localhost', '127.0.0.1');
  return { base, fake: app.get<PaynetFakeServer>(PAYNET_FAKE_SERVER), paynet: app.get(PaynetService) };
}

/** Posts `fields` as a browser form (a redirect is answered, not followed). */
export const postForm = (url: string, fields: Record<string, string>): Promise<Response> =>
  fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

/** Posts `body` as JSON. */
export const postJson = (url: string, body: unknown): Promise<Response> =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/**
 * A PayLink for the test payer (no e-mail, no SMS) whose confirmation Paynet posts to
 * `confirmationUrl`; the payer returns to `${appUrl}/ok` or `${appUrl}/error`.
 */
export const createTestPayLink = (
  paynet: PaynetService,
  appUrl: string,
  reference: string,
  amount: number,
  confirmationUrl: string,
) =>
  paynet.payLinks.create({
    amount,
    reference_no: reference,
    name_surname: 'Test Payer',
    email: 'payer@example.com',
    send_mail: false,
    send_sms: false,
    confirmation_url: confirmationUrl,
    succeed_url: `${appUrl}/ok`,
    error_url: `${appUrl}/error`,
  } as Parameters<PaynetService['payLinks']['create']>[0]);
