import { describe, expect, it } from 'vitest';
import { FormatError, toErrorInfo } from './errors';

describe('errors', () => {
  it('keeps layer, offset and path when crossing to plain data', () => {
    const e = new FormatError({ code: 'truncated', layer: 'gzip', message: 'gzip stream ends early at byte 10', offset: 10 });
    expect(toErrorInfo(e)).toEqual({ code: 'truncated', layer: 'gzip', message: 'gzip stream ends early at byte 10', offset: 10 });
  });
  it('turns an unknown throw into an internal error that names the stage', () => {
    expect(toErrorInfo(new TypeError('x is undefined'), 'json')).toEqual({
      code: 'internal',
      layer: 'json',
      message: 'Unexpected error in json: x is undefined',
    });
  });
});
