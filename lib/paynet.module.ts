import { Module } from '@nestjs/common';
import { PaynetConfigurableModuleClass } from './paynet.module-definition.js';

/**
 * The Paynet module.
 *
 * @example
 * PaynetModule.forRoot({ secretKey: 'sck_...', environment: 'test' })
 * @example
 * PaynetModule.forRootAsync({
 *   imports: [ConfigModule],
 *   inject: [ConfigService],
 *   useFactory: (config: ConfigService) => ({ secretKey: config.getOrThrow('PAYNET_SECRET_KEY') }),
 * })
 */
@Module({})
export class PaynetModule extends PaynetConfigurableModuleClass {}
