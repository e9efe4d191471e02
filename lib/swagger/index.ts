// `nestjs-paynet-tr/swagger`: the optional @nestjs/swagger integration. Only this folder imports
// @nestjs/swagger, and the main entry never imports it.
import 'reflect-metadata';
export { applyPaynetSwagger, type PaynetDtoClass } from './apply-paynet-swagger.js';
