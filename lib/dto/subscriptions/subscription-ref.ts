import { IsOptional, IsString, MaxLength } from 'class-validator';
import { fieldDecorators } from '../common/field-decorators.js';
import { OneOfRequired } from '../common/validators.js';

/** How a request names its subscription (or group): at least one of these. */
const SUBSCRIPTION_REF = ['subscription_id', 'reference_no', 'group_reference_no'] as const;

/** The subscription id (a GUID, at most 100 characters), anchor of "one of `subscription_id` / `reference_no` / `group_reference_no`". */
export const SubscriptionId = (): PropertyDecorator =>
  fieldDecorators(OneOfRequired(SUBSCRIPTION_REF), IsString(), MaxLength(100));

/** An optional subscription reference (`reference_no`, `group_reference_no`), at most 50 characters. */
export const SubscriptionReference = (): PropertyDecorator =>
  fieldDecorators(IsOptional(), IsString(), MaxLength(50));
