import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NdjsonTable } from './files';

interface Row {
  id: string;
  n: number;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rbassist-ndjson-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('NdjsonTable', () => {
  it('keeps the last line per key across reopenings', () => {
    const path = join(dir, 't.ndjson');
    const table = new NdjsonTable<Row>(path, (r) => r.id);
    table.put({ id: 'a', n: 1 });
    table.put({ id: 'b', n: 2 });
    table.put({ id: 'a', n: 3 });
    const again = new NdjsonTable<Row>(path, (r) => r.id);
    expect(again.size).toBe(2);
    expect(again.get('a')).toEqual({ id: 'a', n: 3 });
  });

  it('cuts off a line torn by a crash, and appends cleanly after it', () => {
    const path = join(dir, 't.ndjson');
    writeFileSync(path, '{"id":"a","n":1}\n{"id":"b","n":');
    const table = new NdjsonTable<Row>(path, (r) => r.id);
    expect([...table.values()]).toEqual([{ id: 'a', n: 1 }]);
    table.put({ id: 'c', n: 3 });
    expect(readFileSync(path, 'utf8')).toBe('{"id":"a","n":1}\n{"id":"c","n":3}\n');
  });

  it('refuses a file damaged in the middle, naming the line', () => {
    const path = join(dir, 't.ndjson');
    writeFileSync(path, '{"id":"a","n":1}\nnot json\n{"id":"b","n":2}\n');
    expect(() => new NdjsonTable<Row>(path, (r) => r.id)).toThrow(`State file ${path} is damaged at line 2`);
  });

  it('compacts to one sorted line per key once superseded lines dominate', () => {
    const path = join(dir, 't.ndjson');
    const table = new NdjsonTable<Row>(path, (r) => r.id);
    for (let n = 0; n < 100; n++) table.put({ id: n % 2 ? 'b' : 'a', n });
    expect(table.compact()).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('{"id":"a","n":98}\n{"id":"b","n":99}\n');
    appendFileSync(path, '');
    expect(table.compact()).toBe(false);
  });
});
