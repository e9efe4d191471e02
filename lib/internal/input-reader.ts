/**
 * Reading a request into the plain snapshot that is validated and sent: which fields a DTO class
 * declares, and how the caller's object (own, inherited, getters, class instances, null
 * prototypes) is read, with what is not a field or cannot be read refused by name.
 */
import 'reflect-metadata';
import type { PaynetFieldProblem } from '../errors/validation.error.js';
import type { DtoClass } from './service.js';
import { validationMetadatasOf } from './validation-fast-path.js';

/** How a known field's input is read (see {@link fieldsOf}). */
export type FieldKind = 'number' | 'boolean' | 'other';

/** Per DTO class: its fields (the class-validator whitelist) and how each is read. */
const fieldCache = new WeakMap<DtoClass<object>, ReadonlyMap<string, FieldKind>>();

/**
 * The fields a DTO class declares (every property with class-validator metadata, inherited ones
 * included) and, per field, whether the docs' string forms are read as the value they stand for:
 * `number` fields (TypeScript type `number`, not an amount) take a numeric string (`"12"`), `boolean`
 * fields take `"true"` / `"false"`. Amounts (`@IsLiraAmount`) take numbers only:
 * a doc example's wire amount (`"1000"` = 10.00 TL) read as lira would be 100 times too much.
 */
export function fieldsOf(dto: DtoClass<object>): ReadonlyMap<string, FieldKind> {
  let fields = fieldCache.get(dto);
  if (fields) return fields;
  const metadatas = validationMetadatasOf(dto);
  const amounts = new Set(metadatas.filter((m) => m.name === 'isLiraAmount').map((m) => m.propertyName));
  const map = new Map<string, FieldKind>();
  for (const m of metadatas) {
    if (map.has(m.propertyName)) continue;
    const type: unknown = Reflect.getMetadata('design:type', dto.prototype, m.propertyName);
    map.set(
      m.propertyName,
      amounts.has(m.propertyName)
        ? 'other'
        : type === Number
          ? 'number'
          : type === Boolean
            ? 'boolean'
            : 'other',
    );
  }
  fieldCache.set(dto, (fields = map));
  return fields;
}

/** A decimal number as the docs write it: `"12"`, `"2027"`, `"-0.05"`, `"0.1"` (no exponent, no spaces). */
const NUMERIC_STRING = /^-?\d{1,15}(\.\d{1,15})?$/;

/** Nested rows deeper than this are refused (no request of this API nests more than 3 levels). */
const MAX_DEPTH = 16;

export interface ReadResult {
  value: Record<string, unknown>;
  problems: PaynetFieldProblem[];
}

function fieldPath(prefix: string, key: string): string {
  return prefix === '' ? key : /^\d+$/.test(key) ? `${prefix}[${key}]` : `${prefix}.${key}`;
}

/**
 * Reads a request into a plain snapshot of its fields, so that what is validated is exactly what is
 * sent and nothing the caller can read is lost (issue 14, defects 6 and 18):
 *
 * - plain objects, `Object.create(null)` objects and class instances are read alike: every own
 *   property (enumerable or not) and every property inherited from a prototype (getters included,
 *   called on the input) that names a field of the DTO is taken;
 * - an own property that is not a field (`__proto__` from `JSON.parse`, `constructor`, `toString`,
 *   a symbol...) and an inherited value or getter that is not a field are refused by name; methods
 *   inherited from a class prototype (and its `constructor`) are not data and are skipped;
 * - a property that cannot be read (a throwing getter, a revoked proxy) is refused by name;
 * - with `known` undefined (nested rows) every readable property is taken and class-validator's
 *   whitelist judges the names, except the prototype-polluting names, which are refused here.
 */
export function readInput(
  input: object,
  known: ReadonlyMap<string, FieldKind> | undefined,
  prefix: string,
  depth: number,
): ReadResult {
  const value: Record<string, unknown> = {};
  const problems: PaynetFieldProblem[] = [];
  const refuse = (key: string, message: string): void => {
    problems.push({ field: fieldPath(prefix, key), messages: [message] });
  };
  // an unknown key is the caller's (or a stranger's) text: named only when it reads as a field name
  const unknownKey = (key: string): void => {
    const shown = shownKey(key);
    refuse(shown, `property ${shown} should not exist`);
  };
  const take = (key: string, raw: unknown): void => {
    if (raw === undefined) return;
    let v: unknown = raw;
    const kind = known?.get(key);
    if (kind === 'number' && typeof v === 'string' && NUMERIC_STRING.test(v)) v = Number(v);
    else if (kind === 'boolean' && (v === 'true' || v === 'false')) v = v === 'true';
    else if (v !== null && typeof v === 'object') {
      if (depth >= MAX_DEPTH) {
        refuse(key, `${key} is nested too deeply`);
        return;
      }
      const nested = readNested(v, fieldPath(prefix, key), depth + 1);
      problems.push(...nested.problems);
      v = nested.value;
    }
    value[key] = v;
  };
  const read = (key: string): { ok: true; raw: unknown } | { ok: false } => {
    try {
      return { ok: true, raw: Reflect.get(input, key, input) };
    } catch {
      return { ok: false };
    }
  };
  let ownKeys: (string | symbol)[];
  try {
    ownKeys = Reflect.ownKeys(input);
  } catch {
    return { value, problems: [{ field: prefix || '(body)', messages: ['request could not be read'] }] };
  }
  const seen = new Set<string>();
  for (const key of ownKeys) {
    if (typeof key === 'symbol') {
      refuse(String(key), `${String(key)}: symbol keys are not fields of this request`);
      continue;
    }
    seen.add(key);
    if (known ? !known.has(key) : POLLUTING.has(key)) {
      unknownKey(key);
      continue;
    }
    const r = read(key);
    if (r.ok) take(key, r.raw);
    else refuse(key, `${key} could not be read`);
  }
  let proto: unknown;
  try {
    proto = Object.getPrototypeOf(input);
  } catch {
    proto = null;
  }
  for (let level = 0; proto !== null && proto !== Object.prototype && typeof proto === 'object'; level++) {
    if (level > MAX_DEPTH) {
      problems.push({ field: prefix || '(body)', messages: ['request could not be read'] });
      break;
    }
    const p = proto as object;
    for (const key of Reflect.ownKeys(p)) {
      if (typeof key === 'symbol' || seen.has(key)) continue;
      seen.add(key);
      const descriptor = Reflect.getOwnPropertyDescriptor(p, key);
      const isMethod =
        descriptor !== undefined && 'value' in descriptor && typeof descriptor.value === 'function';
      if (known ? known.has(key) : !POLLUTING.has(key) && !isMethod) {
        const r = read(key);
        if (r.ok) take(key, r.raw);
        else refuse(key, `${key} could not be read`);
      } else if (!isMethod) {
        unknownKey(key);
      }
    }
    proto = Object.getPrototypeOf(p);
  }
  return { value, problems };
}

/**
 * How an unknown key appears in a validation error: as itself when it reads as a field name
 * (letters, digits, `_`, `$`, `-`, at most 64; a digit run is masked like any other text), otherwise as a placeholder, because a key is input
 * like any value and may hold card data or control characters (attack 2, B9: `note 12/29 739`, a key
 * with CR/LF).
 */
export function shownKey(key: string): string {
  return /^[A-Za-z0-9_$][A-Za-z0-9_$-]{0,63}$/.test(key)
    ? key
    : `(a field name not shown: ${key.length} characters)`;
}

/** Names that would reach an object's prototype machinery: never read from or written to a row. */
const POLLUTING: ReadonlySet<string> = new Set([
  '__proto__',
  'prototype',
  ...Object.getOwnPropertyNames(Object.prototype),
]);

/** A nested value: arrays element by element, objects as rows (see {@link readInput}). */
function readNested(
  input: object,
  prefix: string,
  depth: number,
): { value: unknown; problems: PaynetFieldProblem[] } {
  if (Array.isArray(input)) {
    const problems: PaynetFieldProblem[] = [];
    const out: unknown[] = [];
    let length = 0;
    try {
      length = input.length;
    } catch {
      return { value: input, problems: [{ field: prefix, messages: [`${prefix} could not be read`] }] };
    }
    for (let i = 0; i < length; i++) {
      let item: unknown;
      try {
        item = input[i];
      } catch {
        problems.push({ field: `${prefix}[${i}]`, messages: [`${prefix}[${i}] could not be read`] });
        continue;
      }
      if (item !== null && typeof item === 'object') {
        if (depth >= MAX_DEPTH) {
          problems.push({ field: `${prefix}[${i}]`, messages: [`${prefix}[${i}] is nested too deeply`] });
          continue;
        }
        const r = readNested(item, `${prefix}[${i}]`, depth + 1);
        problems.push(...r.problems);
        out.push(r.value);
      } else out.push(item);
    }
    return { value: out, problems };
  }
  // Dates, maps and other built-ins are left to class-validator (which refuses them as rows)
  const proto: unknown = Object.getPrototypeOf(input);
  if (proto !== null && proto !== Object.prototype && isBuiltIn(proto)) return { value: input, problems: [] };
  return readInput(input, undefined, prefix, depth);
}

function isBuiltIn(proto: unknown): boolean {
  return (
    proto === Date.prototype ||
    proto === Map.prototype ||
    proto === Set.prototype ||
    proto === RegExp.prototype ||
    proto === Promise.prototype ||
    ArrayBuffer.isView(proto) ||
    proto === ArrayBuffer.prototype
  );
}
