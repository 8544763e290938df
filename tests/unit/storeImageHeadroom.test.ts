// The database loaded from a snapshot grows into room allocated with it, instead of sql.js copying the whole file
// into a 1.125× larger array the first time SQLite writes past its end (a second 100 MB array, in each thread).
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { sqlWasmPath } from '../../electron/store/encryptedDatabase';
import { imageHeadroom, loadImage } from '../../electron/store/storeImage';

const MB = 1024 * 1024;

async function imageOf(megabytes: number): Promise<Uint8Array> {
  const sql = await initSqlJs({ locateFile: (file: string) => sqlWasmPath(file) });
  const db = new sql.Database();
  db.run('CREATE TABLE fill (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)');
  db.run('BEGIN');
  for (let row = 0; row < megabytes * 256; row += 1) db.run('INSERT INTO fill (payload) VALUES (randomblob(4000))');
  db.run('COMMIT');
  const image = db.export();
  db.close();
  return image;
}

/** Array-buffer memory (sql.js keeps its file in one) taken by growing the database by `grow` MB after loading it. */
async function growthCost(image: Uint8Array, room: number, grow: number): Promise<number> {
  const sql = await initSqlJs({ locateFile: (file: string) => sqlWasmPath(file) });
  const file = Buffer.allocUnsafeSlow(image.length + room).subarray(0, image.length);
  file.set(image);
  const db = loadImage(sql, file);
  const count = () => Number(db.exec('SELECT count(*) FROM fill')[0]!.values[0]![0]);
  const rows = count();
  const before = process.memoryUsage().arrayBuffers;
  db.run('BEGIN');
  for (let row = 0; row < grow * 256; row += 1) db.run('INSERT INTO fill (payload) VALUES (randomblob(4000))');
  db.run('COMMIT');
  const cost = process.memoryUsage().arrayBuffers - before;
  // Every row is there: the file grew, in place or not.
  expect(count()).toBe(rows + grow * 256);
  db.close();
  return cost;
}

describe('a loaded store image', () => {
  it('leaves room of at least 4 MB or an eighth of the image', () => {
    expect(imageHeadroom(1 * MB)).toBe(4 * MB);
    expect(imageHeadroom(100 * MB)).toBe(12.5 * MB);
  });

  it('grows in place into the room behind it; without room, sql.js copies the whole file into a larger one', async () => {
    const image = await imageOf(24);
    const withoutRoom = await growthCost(image, 0, 2);
    const withRoom = await growthCost(image, imageHeadroom(image.length), 2);
    // Without room: a new array of 1.125 × 24 MB beside the old one. With room: nothing new the size of the file.
    expect(withoutRoom).toBeGreaterThan(20 * MB);
    expect(withRoom).toBeLessThan(4 * MB);
  });
});
