/** A card to try the shop with. */
export interface SampleTestCard {
  label: string;
  number: string;
  expiry: string;
  cvc: string;
  /** What to type on the bank's 3D page. */
  password: string;
  outcome: 'approved' | 'declined';
}

/**
 * Paynet's documented test cards (doc "Test Kartları"), which Paynet's test host and the fake both
 * approve, and one card the fake bank always declines.
 */
export const SAMPLE_TEST_CARDS: readonly SampleTestCard[] = [
  {
    label: 'Visa',
    number: '4355084355084358',
    expiry: '12/30',
    cvc: '000',
    password: 'a',
    outcome: 'approved',
  },
  {
    label: 'MasterCard',
    number: '5571135571135575',
    expiry: '12/30',
    cvc: '000',
    password: 'a',
    outcome: 'approved',
  },
  {
    label: 'Visa (Maximum)',
    number: '4508034508034509',
    expiry: '12/30',
    cvc: '000',
    password: 'a',
    outcome: 'approved',
  },
  {
    label: 'Declined by the fake bank',
    number: '4000000000000002',
    expiry: '12/30',
    cvc: '000',
    password: 'a',
    outcome: 'declined',
  },
];

/** "4355 0843 5508 4358". */
export function spacedCardNumber(number: string): string {
  return number.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** The SMS code the embedded fake Paynet "sends" when a card is saved (its `FAKE_OTP_CODE`). */
export const FAKE_PAYNET_SMS_CODE = '123456';
