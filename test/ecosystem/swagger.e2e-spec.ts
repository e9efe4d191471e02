import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Body, Controller, type INestApplication, Post } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import {
  CreatePaymentDto,
  CreateSubscriptionDto,
  DefineRatiosDto,
  ListTransactionsDto,
  PayLinkConfirmationDto,
  RatioBankDefinitionDto,
  RatioInstalmentDefinitionDto,
  UpdateSubscriptionInvoiceAmountDto,
} from '../../lib/index.js';
import { PAYNET_SERVICES } from '../../lib/resources/index.js';
import { applyPaynetSwagger } from '../../lib/swagger/index.js';
import { libFilesOutside } from '../support/lib-sources.js';

@Controller('payments')
class PaymentsController {
  @Post()
  create(@Body() dto: CreatePaymentDto) {
    return dto;
  }
}

@Controller('subscriptions')
class SubscriptionsController {
  @Post()
  create(@Body() dto: CreateSubscriptionDto) {
    return dto;
  }
}

@Controller('ratios')
class RatiosController {
  @Post('define')
  define(@Body() dto: DefineRatiosDto) {
    return dto;
  }

  @Post('transactions')
  list(@Body() dto: ListTransactionsDto) {
    return dto;
  }
}

type Schema = {
  type?: string;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  $ref?: string;
  [key: string]: unknown;
};

function schemaOf(doc: OpenAPIObject, name: string): Schema {
  return (doc.components?.schemas?.[name] ?? {}) as Schema;
}

describe('applyPaynetSwagger', () => {
  let app: INestApplication;
  const document = () => SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('shop').build());

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [PaymentsController, SubscriptionsController, RatiosController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });
  afterAll(async () => {
    await app.close();
  });

  // Runs first: the metadata is global, so this shows the document before the call.
  it('without it, the DTOs compiled in node_modules are empty schemas', () => {
    const doc = document();
    const payment = schemaOf(doc, 'CreatePaymentDto');
    expect(payment.properties ?? {}).toEqual({});
    expect(payment.required ?? []).toEqual([]);
  });

  it('describes CreatePaymentDto: required list, types, maxLength, enum, pattern, amounts', () => {
    const classes = applyPaynetSwagger();
    const doc = document();
    const s = schemaOf(doc, 'CreatePaymentDto');
    const p = s.properties!;

    // Card data and card_hash are alternatives (ValidateIf), so they are not in the list.
    expect(s.required).toEqual(['amount', 'reference_no', 'domain']);
    expect(p.amount).toEqual({
      type: 'number',
      description: 'Amount in Turkish lira, at most 2 decimals (e.g. 20.5).',
    });
    expect(p.company_amount).toMatchObject({ type: 'number', description: expect.stringContaining('lira') });
    expect(p.reference_no).toEqual({ type: 'string', maxLength: 50, minLength: 1 });
    expect(p.domain).toMatchObject({ type: 'string', maxLength: 256 });
    expect(p.card_holder_phone).toEqual({ type: 'string', maxLength: 10 });
    expect(p.description).toEqual({ type: 'string', maxLength: 140 });
    expect(p.card_holder).toMatchObject({
      type: 'string',
      maxLength: 50,
      description: expect.stringContaining('Conditionally required'),
    });
    expect(p.pan).toMatchObject({ type: 'string', pattern: '^\\d{13,19}$' });
    expect(p.month).toMatchObject({ type: 'integer', minimum: 1, maximum: 12 });
    expect(p.instalment).toEqual({ type: 'integer', minimum: 0, maximum: 999 }); // defect 18 bound
    expect(p.pos_type).toEqual({ type: 'integer', enum: [1, 5] });
    expect(p.transaction_type).toEqual({ type: 'integer', enum: [1, 3] });
    expect(p.add_commission).toEqual({ type: 'boolean' });
    expect(p.user_gsm_no).toEqual({ type: 'string', pattern: '^5\\d{9}$' });

    // Every service DTO is covered, plus nested and callback DTOs.
    for (const spec of PAYNET_SERVICES) expect(classes).toContain(spec.dto);
    expect(classes).toEqual(
      expect.arrayContaining([RatioBankDefinitionDto, RatioInstalmentDefinitionDto, PayLinkConfirmationDto]),
    );
  });

  it('describes CreateSubscriptionDto: formats, enum, required', () => {
    const s = schemaOf(document(), 'CreateSubscriptionDto');
    const p = s.properties!;
    expect(s.required).toEqual([
      'name_surname',
      'amount',
      'interval',
      'interval_count',
      'begin_date',
      'reference_no',
      'end_user_email',
      'end_user_gsm',
      'end_user_desc',
    ]);
    expect(p.end_user_email).toEqual({ type: 'string', format: 'email', maxLength: 254 }); // defect 18 bound
    expect(p.confirmation_webhook).toEqual({ type: 'string', format: 'uri', maxLength: 2048 }); // defect 18 bound
    expect(p.interval).toEqual({ type: 'integer', enum: [0, 1, 2, 3] });
    expect(p.interval_count).toEqual({ type: 'integer', minimum: 1, maximum: 1200 }); // defect 18 bound
    expect(p.group_reference_no).toEqual({ type: 'string', maxLength: 50 });
    expect(p.currency).toEqual({ type: 'string', enum: ['TL', 'TRY'] });
    expect(p.begin_date).toMatchObject({ type: 'string', description: expect.stringContaining('ISO 8601') });
  });

  it('describes nested arrays (DefineRatiosDto -> banks -> instalments) through @Type', () => {
    const doc = document();
    const define = schemaOf(doc, 'DefineRatiosDto');
    expect(define.required).toEqual(['ratio_code', 'banks']);
    expect(define.properties!.banks).toEqual({
      type: 'array',
      minItems: 1,
      items: { $ref: '#/components/schemas/RatioBankDefinitionDto' },
    });
    const bank = schemaOf(doc, 'RatioBankDefinitionDto');
    expect(bank.required).toEqual(['bank_id']);
    expect(bank.properties!.bank_id).toMatchObject({
      type: 'string',
      enum: expect.arrayContaining(['DENZ']),
    });
    expect(bank.properties!.instalments).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/RatioInstalmentDefinitionDto' },
    });
    const instalment = schemaOf(doc, 'RatioInstalmentDefinitionDto');
    expect(instalment.required).toEqual(['instalment']);
    expect(instalment.properties!.ratio).toEqual({ type: 'number', minimum: -0.2, maximum: 0.2 });
  });

  it('gives yyyy-MM-dd patterns the date format', () => {
    const p = schemaOf(document(), 'ListTransactionsDto').properties!;
    expect(p.datab).toMatchObject({ type: 'string', format: 'date' });
  });

  it('ids Paynet takes as a string or a number get oneOf', () => {
    const doc = SwaggerModule.createDocument(app, new DocumentBuilder().build(), {
      extraModels: [UpdateSubscriptionInvoiceAmountDto],
    });
    const s = schemaOf(doc, 'UpdateSubscriptionInvoiceAmountDto');
    expect(s.required).toEqual(['amount']);
    expect(s.properties!.invoice_id).toEqual({
      oneOf: [{ type: 'string' }, { type: 'integer', minimum: 0 }],
      description: 'An id: a string, or a whole number >= 0. One of invoice_id, invoice_no is required.',
    });
  });

  it('is idempotent', () => {
    const before = document();
    const again = applyPaynetSwagger();
    expect(again.length).toBeGreaterThan(PAYNET_SERVICES.length / 2);
    expect(document()).toEqual(before);
  });

  it('only lib/swagger imports @nestjs/swagger', async () => {
    const offenders = await libFilesOutside(
      'swagger',
      /from '@nestjs\/swagger'|from '\.\.?\/.*swagger\/|from '\.\/swagger\//,
    );
    expect(offenders).toEqual([]);
  });
});
