import { ApiProperty } from '@nestjs/swagger';
import { getMetadataStorage, type MetadataStorage } from 'class-validator';
import * as callbacks from '../callbacks/index.js';
import * as dtos from '../dto/index.js';
import { PAYNET_SERVICES } from '../resources/index.js';
import { collectFacts, nestedClass, type PaynetDtoClass, toOptions } from './property-schema.js';
import type { ValidationMeta } from './validator-schema.js';

export type { PaynetDtoClass } from './property-schema.js';

/** Classes already decorated: the walk runs once per class, however often it is called. */
const decorated = new WeakSet<PaynetDtoClass>();

/**
 * Adds `@ApiProperty` metadata from `@nestjs/swagger` to every request DTO of this library, so
 * `SwaggerModule.createDocument` describes them.
 *
 * The DTOs are compiled inside `node_modules`, where the `@nestjs/swagger` CLI plugin never runs, so
 * without this call a `@Body() dto: CreatePaymentDto` shows up as an empty object. The function reads
 * what the DTOs already declare for validation (class-validator's metadata storage) and turns it into
 * OpenAPI:
 * - type: `string` / `number` / `integer` / `boolean` / `array` / nested DTO (`type: () => Cls`,
 *   found through class-transformer's `@Type`);
 * - required: a property is required unless it has `@IsOptional()` or a `@ValidateIf()` condition
 *   (then the description says it is conditionally required);
 * - `maxLength` / `minLength` (`@MaxLength`, `@MinLength`, `@Length`, `@IsNotEmpty`), `minimum` /
 *   `maximum` (`@Min`, `@Max`, `@IsPositive`), `minItems` / `maxItems`, `enum` (`@IsIn`),
 *   `pattern` (`@Matches`), `format` (`email`, `uri`, `date`, `byte`);
 * - amounts (`@IsLiraAmount`): `type: number` with the description "Amount in Turkish lira, at most
 *   2 decimals". They are numbers in this API although Paynet receives them as strings: the library
 *   does the conversion.
 *
 * Every validator the library's DTOs use is in the mapping table (`validator-schema.ts`). A validator
 * the table does not know (one added to a covered class by the app, or a new class-validator one)
 * adds no constraint: the TypeScript type stands in, and the property's schema names it in
 * `x-paynet-unmapped` (e.g. `"x-paynet-unmapped": ["isHexColor"]`), so the gap shows in the document
 * instead of passing unseen.
 *
 * Covered classes: the DTO of every service in `PAYNET_SERVICES`, every DTO class exported by the
 * package, the callback DTOs (`ThreeDsReturnDto`, `PayLinkConfirmationDto`, ...) and every nested DTO
 * reachable from them. Call it once, before `SwaggerModule.createDocument` and before any
 * `PickType` / `PartialType` of these DTOs is declared (mapped types copy the metadata when they are
 * created: call it from a file that `main.ts` imports first). Later calls do nothing. An
 * `@ApiProperty()` the app applies after this call overrides ours, field by field.
 *
 * Import it from the `nestjs-paynet-tr/swagger` subpath (it needs `@nestjs/swagger`, an optional
 * peer dependency; the main entry never loads it).
 *
 * @returns Every class that carries the metadata.
 * @example
 * const app = await NestFactory.create(AppModule);
 * applyPaynetSwagger();
 * const document = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('Shop').build());
 * SwaggerModule.setup('docs', app, document);
 */
export function applyPaynetSwagger(): readonly PaynetDtoClass[] {
  const storage = getMetadataStorage();
  const queue: PaynetDtoClass[] = [...rootClasses(storage)];
  const seen = new Set<PaynetDtoClass>();
  while (queue.length > 0) {
    const cls = queue.shift()!;
    if (seen.has(cls)) continue;
    seen.add(cls);
    for (const nested of decorateClass(storage, cls)) queue.push(nested);
  }
  return [...seen];
}

/** The classes to start from: service DTOs, exported DTO classes, callback DTOs. */
function rootClasses(storage: MetadataStorage): PaynetDtoClass[] {
  const roots: PaynetDtoClass[] = PAYNET_SERVICES.map((spec) => spec.dto);
  for (const value of [...Object.values(dtos), ...Object.values(callbacks)]) {
    if (typeof value === 'function' && hasValidationMetadata(storage, value as PaynetDtoClass)) {
      roots.push(value as PaynetDtoClass);
    }
  }
  return roots;
}

function hasValidationMetadata(storage: MetadataStorage, cls: PaynetDtoClass): boolean {
  return validationMetadata(storage, cls).length > 0;
}

/** The property validators of a class (the class-level `acceptsNoFields` check has no schema). */
export function validationMetadata(storage: MetadataStorage, cls: PaynetDtoClass): ValidationMeta[] {
  return storage
    .getTargetValidationMetadatas(cls, '', false, false)
    .filter((m) => m.name !== 'acceptsNoFields');
}

/**
 * Decorates one class (once) and returns the nested DTO classes it references. Internal: exported
 * for the tests, not by the `swagger` entry.
 */
export function decorateClass(storage: MetadataStorage, cls: PaynetDtoClass): PaynetDtoClass[] {
  const byProperty = new Map<string, ValidationMeta[]>();
  for (const meta of validationMetadata(storage, cls)) {
    const list = byProperty.get(meta.propertyName);
    if (list) list.push(meta);
    else byProperty.set(meta.propertyName, [meta]);
  }

  const nestedClasses: PaynetDtoClass[] = [];
  const apply = !decorated.has(cls);
  for (const [property, metas] of byProperty) {
    const facts = collectFacts(cls, property, metas);
    const nested = facts.nested ? nestedClass(cls, property, facts.isArray) : undefined;
    if (nested) nestedClasses.push(nested);
    if (apply) ApiProperty(toOptions(facts, nested))(cls.prototype, property);
  }
  decorated.add(cls);
  return nestedClasses;
}
