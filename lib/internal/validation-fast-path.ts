/**
 * The validation fast path: valid input of a DTO class is accepted without class-validator's
 * `validateSync`, by asking the same constraint classes for the same metadata directly (read once
 * per class), and plain DTOs are copied instead of going through `plainToInstance`. Anything it
 * does not accept goes to class-validator, which reports the errors. A property test proves it
 * answers what class-validator alone answers, for every DTO class of the library.
 */
import 'reflect-metadata';
import { getMetadataStorage, ValidationTypes, type ValidationArguments } from 'class-validator';
import type { DtoClass } from './service.js';

/** DTO classes declared without any class-transformer decorator: see {@link registerPlainDtos}. */
export const plainDtos = new WeakSet<DtoClass<object>>();

/**
 * Marks DTO classes that carry no class-transformer metadata (`@Type`, `@Transform`, `@Expose`,
 * `@Exclude`) on themselves or their ancestors. For them `plainToInstance` is only "a new instance
 * with the input's fields", so a valid input is copied field by field instead (about 3 µs less per
 * call). The library registers its own request DTOs; a test checks each against class-transformer's
 * storage. Classes not registered (callers' own services) always go through `plainToInstance`.
 */
export function registerPlainDtos(classes: Iterable<DtoClass<object>>): void {
  for (const dto of classes) plainDtos.add(dto);
}

/** Whether {@link registerPlainDtos} marked the class. */
export function isPlainDto(dto: DtoClass<object>): boolean {
  return plainDtos.has(dto);
}

/**
 * A new instance of `dto` with the input's own fields, or undefined when the input has a field the
 * DTO does not declare (then class-transformer and class-validator run, and report it).
 */
export function copyKnownFields<T extends object>(
  dto: DtoClass<T>,
  plan: ValidationPlan,
  input: Record<string, unknown>,
): T | undefined {
  const keys = Object.keys(input);
  for (const key of keys) if (!plan.known.has(key)) return undefined;
  const instance = new dto() as Record<string, unknown>;
  for (const key of keys) instance[key] = input[key];
  return instance as T;
}

type Metadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

/** The class-validator metadata of one DTO class, grouped for {@link accepts}. */
export interface ValidationPlan {
  /** Properties with metadata (the whitelist). */
  readonly known: ReadonlySet<string>;
  readonly properties: readonly {
    readonly name: string;
    /** `@IsOptional` / `@ValidateIf` conditions. */
    readonly conditions: readonly Metadata[];
    /** Constraint decorators (`@IsString`, `@MaxLength`, custom ones...). */
    readonly checks: readonly Metadata[];
  }[];
}

/** Per DTO class: its plan, or null when it uses features the fast path leaves to class-validator. */
const plans = new WeakMap<DtoClass<object>, ValidationPlan | null>();

/**
 * The validation metadata of a DTO class, read from class-validator's storage once per class (the
 * decorators run when the class is defined) instead of on every call.
 */
export function planFor(dto: DtoClass<object>): ValidationPlan | null {
  let plan = plans.get(dto);
  if (plan !== undefined) return plan;
  plan = compilePlan(dto);
  plans.set(dto, plan);
  return plan;
}

/**
 * The validation rules class-validator applies to `dto`, read with the arguments
 * `validateSync(instance, VALIDATOR_OPTIONS)` uses: no schema, always false, strictGroups false, no
 * groups.
 */
export function validationMetadatasOf(dto: DtoClass<object>): Metadata[] {
  return getMetadataStorage().getTargetValidationMetadatas(
    dto,
    undefined as unknown as string,
    false,
    false,
    undefined,
  );
}

function compilePlan(dto: DtoClass<object>): ValidationPlan | null {
  const metadatas = validationMetadatasOf(dto);
  if (metadatas.length === 0) return null;
  const byName = new Map<string, { name: string; conditions: Metadata[]; checks: Metadata[] }>();
  for (const m of metadatas) {
    let entry = byName.get(m.propertyName);
    if (!entry) byName.set(m.propertyName, (entry = { name: m.propertyName, conditions: [], checks: [] }));
    if (m.type === ValidationTypes.CONDITIONAL_VALIDATION) entry.conditions.push(m);
    else if (m.type === ValidationTypes.CUSTOM_VALIDATION && !m.each) entry.checks.push(m);
    else return null; // nested, each, IsDefined, Allow, promise: class-validator only
  }
  return { known: new Set(byName.keys()), properties: [...byName.values()] };
}

/**
 * True only when class-validator would find no problem with `instance` (the same metadata, the same
 * conditions and the same constraint classes, asked the same way as `validateSync` asks them). Anything
 * else (a failed constraint, an unknown property, an async answer) answers false, and the caller lets
 * class-validator itself produce the errors, so messages and field paths are class-validator's own.
 */
export function accepts(plan: ValidationPlan, instance: Record<string, unknown>): boolean {
  for (const key of Object.keys(instance)) if (!plan.known.has(key)) return false;
  const storage = getMetadataStorage();
  const targetName = instance.constructor ? instance.constructor.name : undefined;
  for (const property of plan.properties) {
    const value = instance[property.name];
    let validate = true;
    for (const c of property.conditions) {
      if (!(c.constraints[0] as (o: object, v: unknown) => unknown)(instance, value)) validate = false;
    }
    if (!validate) continue;
    for (const m of property.checks) {
      if (m.validateIf && !m.validateIf(instance, value)) continue;
      for (const constraint of storage.getTargetValidatorConstraints(m.constraintCls)) {
        if (constraint.async) continue; // validateSync ignores async constraints
        const args = {
          targetName,
          property: m.propertyName,
          object: instance,
          value,
          constraints: m.constraints,
        } as ValidationArguments;
        const result: unknown = constraint.instance.validate(value, args);
        if (
          !result ||
          (typeof result === 'object' && typeof (result as { then?: unknown }).then === 'function')
        ) {
          return false;
        }
      }
    }
  }
  return true;
}
