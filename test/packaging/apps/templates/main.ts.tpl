import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { PaynetService } from 'nestjs-paynet-tr';
import { PAYNET_TEST_CARDS, PaynetFakeServer } from 'nestjs-paynet-tr/testing';
import { AppModule } from './app.module__EXT__';
import { RefundsService } from './refunds.service__EXT__';

async function main(): Promise<void> {
  const fake = await new PaynetFakeServer().start();
  process.env.PAYNET_SECRET_KEY = fake.secretKey;
  process.env.PAYNET_BASE_URL = fake.url;
  const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
  try {
    const card = PAYNET_TEST_CARDS[0]!;
    const payment = await app.get(PaynetService).payments.create({
      amount: 20.5,
      reference_no: `MAIN-${Date.now()}`,
      domain: 'shop.example',
      card_holder: 'Test User',
      pan: card.number,
      month: 12,
      year: 2030,
      cvc: '000',
    });
    const refund = await app.get(RefundsService).refundInFull(payment.xact_id);
    console.log(`PAYMENT_OK ${payment.xact_id} ${refund}`);
  } finally {
    await app.close();
    await fake.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
