import type { PaynetEnvelope } from '../common/envelope.response.js';

/** Answer of `payments.sendReceiptOtp`: the envelope only (message e.g. "Sms gönderimi başarılı."). */
export type SendReceiptOtpResponse = PaynetEnvelope;
