import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { getMetadataStorage, IsHexColor, IsOptional, IsString, MaxLength } from 'class-validator';
import * as library from '../../lib/index.js';
import { applyPaynetSwagger } from '../../lib/swagger/index.js';
import { decorateClass, validationMetadata } from '../../lib/swagger/apply-paynet-swagger.js';
import { collectFacts, type PaynetDtoClass } from '../../lib/swagger/property-schema.js';
import { UNMAPPED_EXTENSION } from '../../lib/swagger/validator-schema.js';

/** Every DTO class the package exports or reaches (nested, callbacks), with validation metadata. */
function libraryDtoClasses(): PaynetDtoClass[] {
  const storage = getMetadataStorage();
  const classes = new Set<PaynetDtoClass>(applyPaynetSwagger());
  for (const value of Object.values(library)) {
    if (typeof value === 'function' && validationMetadata(storage, value as PaynetDtoClass).length > 0) {
      classes.add(value as PaynetDtoClass);
    }
  }
  return [...classes];
}

/** `Dto.field: validator` for each validator the mapping table does not know. */
function unmappedOf(cls: PaynetDtoClass): string[] {
  const byProperty = new Map<string, ReturnType<typeof validationMetadata>>();
  for (const meta of validationMetadata(getMetadataStorage(), cls)) {
    byProperty.set(meta.propertyName, [...(byProperty.get(meta.propertyName) ?? []), meta]);
  }
  return [...byProperty].flatMap(([property, metas]) =>
    collectFacts(cls, property, metas).unmapped.map((name) => `${cls.name}.${property}: ${name}`),
  );
}

class UserProfileDto {
  @IsString()
  @MaxLength(20)
  nickname!: string;

  @IsOptional()
  @IsHexColor()
  colour?: string;
}

describe('swagger validator mapping', () => {
  it('maps every validator of every library DTO (a missing one is named as Dto.field: validator)', () => {
    const classes = libraryDtoClasses();
    expect(classes.length).toBeGreaterThan(50);
    expect(classes.flatMap(unmappedOf)).toEqual([]);
  });

  describe('a validator it does not know', () => {
    let app: INestApplication;
    beforeAll(async () => {
      app = (await Test.createTestingModule({}).compile()).createNestApplication({ logger: false });
      await app.init();
    });
    afterAll(async () => {
      await app.close();
    });

    it('passes the TypeScript type through and names the validator in x-paynet-unmapped', () => {
      expect(unmappedOf(UserProfileDto)).toEqual(['UserProfileDto.colour: isHexColor']);
      decorateClass(getMetadataStorage(), UserProfileDto);
      const doc = SwaggerModule.createDocument(app, new DocumentBuilder().build(), {
        extraModels: [UserProfileDto],
      });
      const schema = doc.components?.schemas?.UserProfileDto as {
        required?: string[];
        properties: Record<string, Record<string, unknown>>;
      };
      expect(schema.required).toEqual(['nickname']);
      expect(schema.properties.nickname).toEqual({ type: 'string', maxLength: 20 });
      expect(schema.properties.colour).toEqual({ type: 'string', [UNMAPPED_EXTENSION]: ['isHexColor'] });
    });
  });
});
