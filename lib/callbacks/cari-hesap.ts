import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpException,
  HttpStatus,
  Inject,
  Logger,
  Post,
  Query,
  type Type,
} from '@nestjs/common';
import { Transform, plainToInstance } from 'class-transformer';
import { IsOptional, IsString, MaxLength, validateSync } from 'class-validator';
import { flattenErrors } from '../internal/validation.js';
import { looseString } from './callback.dto.js';
import { escapingLogger } from '../client/logger.js';

/**
 * What Paynet's PayPortal sends to the merchant's Cari Hesap (current account) service.
 * All three are optional in the doc; at least one identifies the dealer.
 */
export class CariHesapRequestDto {
  @IsOptional()
  @Transform(looseString)
  @IsString()
  @MaxLength(50)
  company_code?: string;

  @IsOptional()
  @Transform(looseString)
  @IsString()
  @MaxLength(50)
  agent_id?: string;

  @IsOptional()
  @Transform(looseString)
  @IsString()
  @MaxLength(100)
  reference_no?: string;
}

/** What the merchant answers; PayPortal shows it to the dealer. The doc's table is cut after these. */
export interface CariHesapResponse {
  /** A note to display. */
  note?: string;
  /** The dealer's balance, as text. */
  accounts?: string;
  /** Whether to show the balance. */
  show_accounts?: boolean;
  /** Title of the first column. */
  first_column_title?: string;
  [key: string]: unknown;
}

/** Implemented by the app: looks up the dealer's account for PayPortal. */
export interface PaynetCariHesapProvider {
  getAccount(request: CariHesapRequestDto): Promise<CariHesapResponse> | CariHesapResponse;
}

/** Token under which the app provides its {@link PaynetCariHesapProvider}. */
export const PAYNET_CARI_HESAP_PROVIDER = Symbol('PAYNET_CARI_HESAP_PROVIDER');

/** Options of {@link createCariHesapController}. */
export interface CariHesapControllerOptions {
  /** Route path. @default 'paynet/cari-hesap' */
  path?: string;
  /** How long the provider may take before the answer is 503. @default 5000 */
  timeoutMs?: number;
}

/**
 * Builds a controller that exposes the Cari Hesap service for Paynet's PayPortal: GET (query) and
 * POST (JSON or form) on `path`. It validates the request (400 with the field list), calls the
 * app's provider with a time limit (503 when late), and never leaks internals (500 with a
 * generic message when the provider throws).
 *
 * @example
 * @Module({
 *   controllers: [createCariHesapController({ path: 'paynet/cari-hesap' })],
 *   providers: [{ provide: PAYNET_CARI_HESAP_PROVIDER, useClass: DealerAccounts }],
 * })
 */
export function createCariHesapController(options: CariHesapControllerOptions = {}): Type<unknown> {
  const path = options.path ?? 'paynet/cari-hesap';
  const timeoutMs = options.timeoutMs ?? 5000;

  @Controller(path)
  class PaynetCariHesapController {
    private readonly logger = escapingLogger(new Logger('PaynetCariHesap'));

    constructor(@Inject(PAYNET_CARI_HESAP_PROVIDER) private readonly provider: PaynetCariHesapProvider) {}

    @Get()
    byQuery(@Query() query: unknown): Promise<CariHesapResponse> {
      return this.answer(query);
    }

    @Post()
    @HttpCode(HttpStatus.OK)
    byBody(@Body() body: unknown): Promise<CariHesapResponse> {
      return this.answer(body);
    }

    private async answer(input: unknown): Promise<CariHesapResponse> {
      const request = parseCariHesap(input);
      let timer: NodeJS.Timeout | undefined;
      try {
        const late = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new CariHesapTimeout()), timeoutMs);
        });
        return await Promise.race([Promise.resolve(this.provider.getAccount(request)), late]);
      } catch (err) {
        if (err instanceof CariHesapTimeout) {
          this.logger.warn(`Cari Hesap provider did not answer within ${timeoutMs} ms`);
          throw new HttpException(
            { statusCode: 503, error: 'Service Unavailable', message: 'Try again later' },
            503,
          );
        }
        if (err instanceof HttpException) throw err;
        this.logger.error(`Cari Hesap provider failed: ${err instanceof Error ? err.name : 'error'}`);
        throw new HttpException(
          { statusCode: 500, error: 'Internal Server Error', message: 'Internal error' },
          500,
        );
      } finally {
        clearTimeout(timer);
      }
    }
  }
  return PaynetCariHesapController;
}

class CariHesapTimeout extends Error {}

/** Validates a Cari Hesap request. @throws HttpException 400 naming every bad field. */
export function parseCariHesap(input: unknown): CariHesapRequestDto {
  const source = input !== null && typeof input === 'object' && !Array.isArray(input) ? input : undefined;
  if (!source) {
    throw new HttpException(
      { statusCode: 400, error: 'Bad Request', message: 'request must be an object' },
      400,
    );
  }
  const dto = plainToInstance(CariHesapRequestDto, source as Record<string, unknown>);
  const errors = validateSync(dto, { whitelist: true, validationError: { target: false, value: false } });
  const problems = flattenErrors(errors);
  if (!dto.company_code && !dto.agent_id && !dto.reference_no) {
    problems.push({
      field: 'agent_id',
      messages: ['one of company_code, agent_id, reference_no is required'],
    });
  }
  if (problems.length > 0) {
    throw new HttpException(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: problems.flatMap((p) => p.messages),
        fields: problems,
      },
      400,
    );
  }
  return dto;
}
