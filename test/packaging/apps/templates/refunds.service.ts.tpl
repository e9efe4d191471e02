import { Injectable } from '@nestjs/common';
import { PaynetService, isPaynetError } from 'nestjs-paynet-tr';

@Injectable()
export class RefundsService {
  constructor(private readonly paynet: PaynetService) {}

  async refundInFull(xactId: string): Promise<'refund requested' | 'declined'> {
    try {
      const answer = await this.paynet.refunds.create({ xact_id: xactId });
      return answer.code === 0 ? 'refund requested' : 'declined';
    } catch (err) {
      if (isPaynetError(err, 'invalid_request_error')) return 'declined';
      throw err;
    }
  }
}
