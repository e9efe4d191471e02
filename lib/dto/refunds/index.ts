export * from './reverse-capture.dto.js';
export type * from './reverse-capture.response.js';
export * from './create-refund.dto.js';
export type * from './create-refund.response.js';
export * from './list-refunds.dto.js';
export type * from './list-refunds.response.js';
export * from './reverse-preauth.dto.js';
export type * from './reverse-preauth.response.js';
