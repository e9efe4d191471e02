import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { fieldDecorators } from '../common/field-decorators.js';
import { OneOfRequired } from '../common/validators.js';

/** How a PayLink request names its PayLink: `id` or `reference_no`, at least one of the two. */
const PAYLINK_REF = ['id', 'reference_no'] as const;

/** The PayLink id (a UUID, at most 100 characters); one of `id` / `reference_no` is required. */
export const PayLinkId = (): PropertyDecorator =>
  fieldDecorators(OneOfRequired(PAYLINK_REF), IsString(), IsNotEmpty(), MaxLength(100));

/** The `reference_no` given at creation (at most 50 characters). */
export const PayLinkReferenceNo = (): PropertyDecorator =>
  fieldDecorators(IsOptional(), IsString(), IsNotEmpty(), MaxLength(50));
