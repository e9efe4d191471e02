/**
 * Luhn (mod 10) check of a digit string: false for an empty string or any character that is not
 * a digit. The length rules of a card number (13 to 19 digits for a request, 12 to 19 in the fake)
 * are the caller's. The redactor's reference rule reads it on runs of 12 to 19 ASCII digits, which
 * the digit test never refuses.
 */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}
