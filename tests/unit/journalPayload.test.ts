// A journal record's statements survive encoding: text, numbers, nulls and blobs come back as they went in, and a
// text that merely looks like the blob marker stays text.
import { describe, expect, it } from 'vitest';
import { decodeStatements, encodeStatements, type RecordedStatement } from '../../electron/store/sqlExecutor';

describe('a journal record’s statements', () => {
  it('come back with every parameter as it was, blobs as bytes', () => {
    const blob = new Uint8Array([0, 1, 2, 250, 255]);
    const statements: RecordedStatement[] = [
      { sql: 'INSERT INTO t (a, b, c, d) VALUES ($a, $b, $c, $d)', params: { a: 'текст "$blob"', b: 42.5, c: null, d: blob } },
      { sql: 'DELETE FROM t', params: {} },
      { sql: 'UPDATE t SET a = $a', params: { a: '{"$blob":"AAE="}' } },
    ];
    const decoded = decodeStatements(encodeStatements(statements));
    expect(decoded).toHaveLength(3);
    expect(decoded[0]!.params).toEqual({ a: 'текст "$blob"', b: 42.5, c: null, d: blob });
    expect(decoded[0]!.params.d).toBeInstanceOf(Uint8Array);
    expect(decoded[1]).toEqual({ sql: 'DELETE FROM t', params: {} });
    expect(decoded[2]!.params.a).toBe('{"$blob":"AAE="}');
  });

  it('refuses a record that is not a list of statements', () => {
    expect(() => decodeStatements(Buffer.from('{"sql":"x"}'))).toThrow(/not a list of statements/);
  });
});
