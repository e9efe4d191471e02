export * from './form-values.js';
export * from './card-expiry.js';
export * from './shopper-card.dto.js';
