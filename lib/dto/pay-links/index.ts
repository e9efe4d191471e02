export * from './create-pay-link.dto.js';
export type * from './create-pay-link.response.js';
export * from './pay-link-detail.dto.js';
export type * from './pay-link-detail.response.js';
export * from './list-pay-links.dto.js';
export type * from './list-pay-links.response.js';
export * from './update-pay-link-status.dto.js';
export type * from './update-pay-link-status.response.js';
