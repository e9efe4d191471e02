/** A product of the demo shop. Prices live on the server: a form never decides what is charged. */
export interface Product {
  id: string;
  name: string;
  description: string;
  /** Price in kuruş. */
  priceKurus: number;
}

export const PRODUCTS: readonly Product[] = [
  {
    id: 'lokum',
    name: 'Lokum box',
    description: 'Rose and pistachio Turkish delight, 500 g.',
    priceKurus: 2050,
  },
  {
    id: 'cay-set',
    name: 'Tea glass set',
    description: 'Six tulip tea glasses with saucers.',
    priceKurus: 34990,
  },
  {
    id: 'cezve',
    name: 'Copper cezve',
    description: 'Hand-hammered copper coffee pot with a brass handle.',
    priceKurus: 125000,
  },
];

export function findProduct(id: string): Product | undefined {
  return PRODUCTS.find((p) => p.id === id);
}
