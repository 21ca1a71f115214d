import {
  cardBrand,
  DECLINED_TEST_CARD,
  type CardBrand,
  type PaymentInput,
} from '@ticket-booking/shared';

export type PaymentResult =
  { approved: true; brand: CardBrand; last4: string } | { approved: false; reason: string };

/**
 * Takes the money. This one is simulated: every card that passed validation is approved except the
 * well-known test number that is always declined. Only brand and last four digits come back, so
 * nothing downstream can store the number or the CVC.
 */
export interface PaymentGateway {
  charge(payment: PaymentInput, amountCents: number): PaymentResult;
}

export const simulatedPaymentGateway: PaymentGateway = {
  charge(payment) {
    if (payment.cardNumber === DECLINED_TEST_CARD) {
      return { approved: false, reason: 'The card was declined by its issuer.' };
    }
    return {
      approved: true,
      brand: cardBrand(payment.cardNumber),
      last4: payment.cardNumber.slice(-4),
    };
  },
};
