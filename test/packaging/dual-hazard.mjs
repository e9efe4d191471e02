#!/usr/bin/env node
// The dual-package hazard, in one process: the ESM build (import) and the CommonJS build
// (require) of this package loaded side by side, as when an app's own code and one of its
// dependencies reach the package through different conditions. Needs `npm run build` first.
// Exits non-zero on the first broken expectation.
import 'reflect-metadata';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const esm = await import('../../dist/esm/index.js');
const esmTesting = await import('../../dist/esm/testing/index.js');
const cjs = require('../../dist/cjs/index.js');
const cjsTesting = require('../../dist/cjs/testing/index.js');
const { Module, Injectable, Inject } = await import('@nestjs/common');
const { NestFactory } = await import('@nestjs/core');

assert.notEqual(esm.PaynetError, cjs.PaynetError, 'two copies are loaded');

// Errors: instanceof and isPaynetError across copies, in both directions; subclasses too.
const fromCjs = new cjs.PaynetTimeoutError('timed out', { path: '/v1/x', timeoutMs: 1 });
const fromEsm = new esm.PaynetCardDeclinedError({
  path: '/v2/transaction/payment',
  response: { message: 'no' },
});
assert.ok(fromCjs instanceof esm.PaynetError);
assert.ok(fromCjs instanceof esm.PaynetConnectionError);
assert.ok(fromCjs instanceof esm.PaynetTimeoutError);
assert.ok(!(fromCjs instanceof esm.PaynetAbortedError));
assert.ok(!(fromCjs instanceof esm.PaynetApiError));
assert.ok(fromEsm instanceof cjs.PaynetError);
assert.ok(fromEsm instanceof cjs.PaynetCardDeclinedError);
assert.ok(!(fromEsm instanceof cjs.PaynetConnectionError));
assert.ok(esm.isPaynetError(fromCjs, 'timeout_error'));
assert.ok(cjs.isPaynetError(fromEsm));
assert.ok(!cjs.isPaynetError(new Error('plain')));
assert.ok(!(new Error('plain') instanceof cjs.PaynetError));
assert.ok(fromCjs instanceof Error);

// DI: a module configured with one copy, PaynetService injected with the other copy's class.
for (const [configured, injected, label] of [
  [esm, cjs, 'ESM module, CommonJS class'],
  [cjs, esm, 'CommonJS module, ESM class'],
]) {
  const fake = await new esmTesting.PaynetFakeServer().start();
  class Consumer {
    constructor(paynet) {
      this.paynet = paynet;
    }
  }
  Inject(injected.PaynetService)(Consumer, undefined, 0);
  Injectable()(Consumer);
  class AppModule {}
  Module({
    imports: [
      configured.PaynetModule.forRoot({ secretKey: fake.secretKey, baseUrl: fake.url, logger: false }),
    ],
    providers: [Consumer],
  })(AppModule);
  const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
  try {
    const viaOther = app.get(injected.PaynetService);
    const viaOwn = app.get(configured.PaynetService);
    assert.equal(viaOther, viaOwn, `${label}: one client`);
    assert.equal(app.get(Consumer).paynet, viaOwn, `${label}: constructor injection`);
    assert.equal(app.get(injected.getPaynetToken()), viaOwn, `${label}: getPaynetToken()`);
    // An error thrown by the configured copy is recognised by the other copy.
    await assert.rejects(viaOther.refunds.create({ xact_id: 'xk_missing' }), (err) => {
      assert.ok(err instanceof injected.PaynetError, `${label}: cross-copy instanceof on a thrown error`);
      assert.ok(injected.isPaynetError(err));
      return true;
    });
  } finally {
    await app.close();
    await fake.stop();
  }
}

// The fake's DI token is the same registered symbol in both copies.
assert.equal(esmTesting.PAYNET_FAKE_SERVER, cjsTesting.PAYNET_FAKE_SERVER);
assert.equal(esm.PAYNET_MODULE_OPTIONS, cjs.PAYNET_MODULE_OPTIONS);
console.log('dual-hazard: ok (errors and DI work across the ESM and the CommonJS copy)');
