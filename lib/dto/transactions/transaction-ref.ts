import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { fieldDecorators } from '../common/field-decorators.js';
import { IsNumericId, OneOfRequired } from './transaction-validators.js';

/**
 * The encrypted transaction id `xact_id` (`xk_...`, at most 100 characters), the anchor of the
 * request's "one of `ids` is required" rule.
 */
export const EncryptedXactId = (ids: readonly string[]): PropertyDecorator =>
  fieldDecorators(OneOfRequired(ids), IsString(), IsNotEmpty(), MaxLength(100));

/** An optional unencrypted (numeric) transaction id (`xact`, `id`). */
export const OptionalNumericId = (): PropertyDecorator => fieldDecorators(IsOptional(), IsNumericId());

/** An optional `reference_no` of a transaction (at most 50 characters). */
export const TransactionReferenceNo = (): PropertyDecorator =>
  fieldDecorators(IsOptional(), IsString(), IsNotEmpty(), MaxLength(50));
