/** Kuruş (integer) to lira (number with at most 2 decimals), the unit the Paynet module takes. */
export function kurusToLira(kurus: number): number {
  return kurus / 100;
}

/** Lira to kuruş, rounding away binary noise (`20.5` -> `2050`). */
export function liraToKurus(lira: number): number {
  return Math.round(lira * 100);
}

const FORMAT = new Intl.NumberFormat('tr-TR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** `2050` -> `"20,50 TL"`. */
export function formatKurus(kurus: number): string {
  return `${FORMAT.format(kurus / 100)} TL`;
}

/** Lira as Paynet answers it -> `"20,50 TL"`. */
export function formatLira(lira: number): string {
  return `${FORMAT.format(lira)} TL`;
}
