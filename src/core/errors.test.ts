import { describe, expect, it } from 'vitest';
import { errorMessage, fail, ok } from './errors';

describe('errorMessage', () => {
  it('words every kind of thrown value', () => {
    expect(errorMessage(new Error('Cannot decode'))).toBe('Cannot decode');
    expect(errorMessage(new DOMException('', 'NotAllowedError'))).toBe('NotAllowedError');
    expect(errorMessage('plain text')).toBe('plain text');
    expect(errorMessage({ message: 'from a worker' })).toBe('from a worker');
    expect(errorMessage({ code: 7 })).toBe('{"code":7}');
    expect(errorMessage(undefined)).toBe('Unknown error');
    expect(errorMessage(42)).toBe('42');
  });
});

describe('Result', () => {
  it('has one shape for success and failure', () => {
    expect(ok(3)).toEqual({ ok: true, value: 3 });
    expect(fail('Empty file')).toEqual({ ok: false, reason: 'Empty file' });
  });
});
