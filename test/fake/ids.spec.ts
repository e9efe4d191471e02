import { describe, expect, it } from '@jest/globals';
import { redact } from '../../lib/redaction/index.js';
import { newGuid, newSessionId, newTokenId, newXactId } from '../../lib/testing/fake/util.js';

describe('the ids the fake issues', () => {
  it('a GUID whose groups are mostly digits is masked by the request log redaction (why ids are drawn again)', () => {
    const digitHeavy = '49391484-2713-4842-8427-A1B2C3D4E5F6';
    expect(redact(digitHeavy)).not.toBe(digitHeavy);
  });

  it('read back from the request log as issued (ready-form flake: a token_id was logged masked)', () => {
    for (let i = 0; i < 5_000; i++) {
      for (const id of [newTokenId(), newGuid(), newXactId(), newSessionId()]) expect(redact(id)).toBe(id);
    }
  });
});
