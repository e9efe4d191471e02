import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { PaynetModule } from 'nestjs-paynet-tr';
import { RefundsService } from './refunds.service__EXT__';

@Module({
  imports: [
    ConfigModule.forRoot({ ignoreEnvFile: true }),
    PaynetModule.forRootAsync({
      imports: [ConfigModule],
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        secretKey: config.getOrThrow<string>('PAYNET_SECRET_KEY'),
        environment: 'test' as const,
        baseUrl: config.get<string>('PAYNET_BASE_URL'),
      }),
    }),
  ],
  providers: [RefundsService],
  exports: [RefundsService],
})
export class AppModule {}
