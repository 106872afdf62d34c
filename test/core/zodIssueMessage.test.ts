import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { zodIssueMessage } from '../../src/core/zodIssueMessage.ts';

const schema = z.object({
  birthYear: z.number().int().min(1900),
  share: z.number().max(1),
  rate: z.number().gt(0),
  sex: z.enum(['female', 'male']),
  kind: z.literal('sickness'),
  code: z.string().min(2),
  when: z.string().regex(/^\d{4}$/),
  month: z.string().refine((v) => v.startsWith('20'), { message: 'month must be in this century' }),
});

const messageOf = (record: Record<string, unknown>) => {
  const parsed = schema.safeParse({
    birthYear: 1980,
    share: 0.5,
    rate: 1,
    sex: 'female',
    kind: 'sickness',
    code: 'ab',
    when: '2024',
    month: '2024-01',
    ...record,
  });
  assert.ok(!parsed.success);
  return parsed.error.issues.map(zodIssueMessage);
};

describe('zodIssueMessage', () => {
  it('says what the value must be, never what it was', () => {
    assert.deepEqual(messageOf({ birthYear: 1850 }), ['must be at least 1900.']);
    assert.deepEqual(messageOf({ birthYear: 1980.5 }), ['must be a whole number.']);
    assert.deepEqual(messageOf({ share: 3 }), ['must be at most 1.']);
    assert.deepEqual(messageOf({ rate: 0 }), ['must be more than 0.']);
    assert.deepEqual(messageOf({ sex: 'robot' }), ['must be one of "female", "male".']);
    assert.deepEqual(messageOf({ kind: 'leave' }), ['must be "sickness".']);
    assert.deepEqual(messageOf({ code: 'a' }), ['must have at least 2 characters.']);
    assert.deepEqual(messageOf({ when: 'soon' }), ['is not in the expected format.']);
    assert.deepEqual(messageOf({ birthYear: 'old' }), ['must be a number.']);
    const given = { birthYear: 1850, sex: 'robot', kind: 'leave', when: 'soon', code: 'q' };
    const text = messageOf(given).join(' ');
    for (const value of Object.values(given)) assert.ok(!text.includes(String(value)), text);
  });

  it("keeps a schema's own message, ending it with a full stop", () => {
    assert.deepEqual(messageOf({ month: '1999-01' }), ['month must be in this century.']);
  });
});
