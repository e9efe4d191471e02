import { Test } from '@nestjs/testing';
import { PaynetService } from 'nestjs-paynet-tr';
import { PAYNET_FAKE_SERVER, PAYNET_TEST_CARDS, PaynetFakeServer, PaynetTestingModule } from 'nestjs-paynet-tr/testing';
import { RefundsService } from './refunds.service__EXT__';

describe('RefundsService (unit test against the fake Paynet)', () => {
  it('refunds a payment in full', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [PaynetTestingModule.forRoot()],
      providers: [RefundsService],
    }).compile();
    try {
      const fake = moduleRef.get<PaynetFakeServer>(PAYNET_FAKE_SERVER);
      expect(fake).toBeInstanceOf(PaynetFakeServer);
      const card = PAYNET_TEST_CARDS[0]!;
      const payment = await moduleRef.get(PaynetService).payments.create({
        amount: 20.5,
        reference_no: `UNIT-${Date.now()}`,
        domain: 'shop.example',
        card_holder: 'Test User',
        pan: card.number,
        month: 12,
        year: 2030,
        cvc: '000',
      });
      await expect(moduleRef.get(RefundsService).refundInFull(payment.xact_id)).resolves.toBe('refund requested');
    } finally {
      await moduleRef.close();
    }
  });
});
