export * from './reverse-capture.dto.js';
