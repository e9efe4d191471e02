// Not part of `npm run bench`: a check that the validation fast path (lib/client/validation.ts)
// accepts exactly what class-validator's validateSync accepts, for every DTO of every service, over
// 4,000 generated inputs per DTO (a fixed seed). On a rejection both paths run validateSync, so the
// errors are class-validator's own. Run after `npm run build`: node bench/validation-equivalence.mjs
import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, getMetadataStorage } from 'class-validator';
import { PAYNET_SERVICES } from '../dist/index.js';
import { flattenErrors, validateRequest } from '../dist/client/validation.js';
const OPTS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
};
const pool = [
  undefined,
  null,
  '',
  'abc',
  'x'.repeat(300),
  '4355084355084358',
  '4355084355084359',
  '000',
  '1234',
  12,
  2030,
  30,
  0,
  -1,
  20.5,
  1.234,
  100,
  true,
  false,
  [],
  {},
  '2024-01-01',
  '2024-13-01',
  5,
  1,
  3,
  6,
  '5321234567',
  '05321234567',
  'https://a.example/x',
  'xk_abc',
  [1, 2],
  [{ a: 1 }],
  'TRY',
  'card',
  10,
  50,
  'a@b.co',
];
let seed = 12345;
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const pick = (a) => a[Math.floor(rnd() * a.length)];
let accepted = 0,
  total = 0,
  mismatch = 0;
const dtos = [...new Set(PAYNET_SERVICES.map((s) => s.dto))];
for (const dto of dtos) {
  const props = [
    ...new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(dto, undefined, false, false, undefined)
        .map((m) => m.propertyName),
    ),
  ];
  // a "good" value per property found by search: value from pool that passes alone most often
  const good = {};
  for (const p of props) {
    for (const v of pool) {
      const inst = plainToInstance(dto, { [p]: v });
      const errs = validateSync(inst, OPTS).filter((e) => e.property === p);
      if (v !== undefined && errs.length === 0) {
        good[p] = v;
        break;
      }
    }
  }
  for (let i = 0; i < 4000; i++) {
    const input = {};
    for (const p of props) {
      const r = rnd();
      if (r < 0.55 && p in good) input[p] = good[p];
      else if (r < 0.75) input[p] = pick(pool);
    }
    if (rnd() < 0.05) input.unknown_field = 1;
    if (rnd() < 0.02)
      input[pick(['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'])] = pick(pool);
    if (rnd() < 0.02) Object.defineProperty(input, '__proto__', { value: 'x', enumerable: true });
    const ref = validateSync(plainToInstance(dto, input), OPTS).length === 0;
    let mine = true;
    let built;
    try {
      built = validateRequest(dto, input, '/x');
    } catch (err) {
      mine = false;
      // the errors must be the ones validateSync gives for plainToInstance's instance
      const refErrors = validateSync(plainToInstance(dto, input), OPTS);
      if (JSON.stringify(err.problems) !== JSON.stringify(flattenErrors(refErrors))) {
        mismatch++;
        if (mismatch < 5) console.log('ERROR MISMATCH', dto.name, JSON.stringify(input));
      }
    }
    if (built !== undefined) {
      // the instance must be what plainToInstance builds (class, own keys, values)
      const expected = plainToInstance(dto, input);
      const same =
        Object.getPrototypeOf(built) === Object.getPrototypeOf(expected) &&
        JSON.stringify(Object.entries(built)) === JSON.stringify(Object.entries(expected)) &&
        Object.keys(built).every(
          (k) =>
            Object.is(built[k], expected[k]) ||
            (typeof built[k] === 'object' && JSON.stringify(built[k]) === JSON.stringify(expected[k])),
        );
      if (!same) {
        mismatch++;
        if (mismatch < 5) console.log('INSTANCE MISMATCH', dto.name, JSON.stringify(input));
      }
    }
    total++;
    if (ref) accepted++;
    if (ref !== mine) {
      mismatch++;
      if (mismatch < 5) console.log('MISMATCH', dto.name, JSON.stringify(input), ref, mine);
    }
  }
}
console.log({ dtos: dtos.length, total, accepted, mismatch });
if (mismatch > 0) process.exitCode = 1;
