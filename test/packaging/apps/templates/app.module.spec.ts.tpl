import { Test } from '@nestjs/testing';
import { PAYNET_MODULE_OPTIONS, PaynetService } from 'nestjs-paynet-tr';
import { PAYNET_TEST_CARDS, PaynetTestingModule } from 'nestjs-paynet-tr/testing';
import { AppModule } from './app.module__EXT__';
import { RefundsService } from './refunds.service__EXT__';

describe('AppModule with the fake Paynet swapped in (README recipe)', () => {
  it('boots without PAYNET_SECRET_KEY and refunds against the fake', async () => {
    expect(process.env.PAYNET_SECRET_KEY).toBeUndefined();
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
      .overrideProvider(PAYNET_MODULE_OPTIONS).useFactory(PaynetTestingModule.fakeOptions())
      .compile();
    try {
      const fake = PaynetTestingModule.fakeOf(moduleRef);
      const card = PAYNET_TEST_CARDS[0]!;
      const payment = await moduleRef.get(PaynetService).payments.create({
        amount: 12,
        reference_no: `APP-${Date.now()}`,
        domain: 'shop.example',
        card_holder: 'Test User',
        pan: card.number,
        month: 12,
        year: 2030,
        cvc: '000',
      });
      await expect(moduleRef.get(RefundsService).refundInFull(payment.xact_id)).resolves.toBe('refund requested');
      expect(fake.requests().some((r) => r.path === '/v1/transaction/reversed_request')).toBe(true);
    } finally {
      await moduleRef.close();
    }
  });
});
