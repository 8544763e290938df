// A checkpoint is sealed from the store worker's own database file, read in place, when that can be proved to still
// be the file (no third 100 MB image in memory while the snapshot is written); otherwise from an export.
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { sqlWasmPath } from '../../electron/store/encryptedDatabase';
import { imageHeadroom, imageInStorage, loadImageKeepingStorage } from '../../electron/store/storeImage';
import { fill, filledImage } from './filledImage';

const MB = 1024 * 1024;
let sql: SqlJsStatic;

beforeAll(async () => {
  sql = await initSqlJs({ locateFile: (file: string) => sqlWasmPath(file) });
});


/** The image in an allocation with `room` bytes behind it, as the store's snapshot reader makes it. */
function withRoom(image: Uint8Array, room: number): Buffer {
  const file = Buffer.allocUnsafeSlow(image.length + room).subarray(0, image.length);
  file.set(image);
  return file;
}

const rows = (db: Database) => Number(db.exec('SELECT count(*) FROM fill')[0]!.values[0]![0]);

describe('the database file read in place', () => {
  it('is the file SQLite has, byte for byte, after writes that stay within the room', async () => {
    const image = await filledImage(3);
    const { db, storage } = loadImageKeepingStorage(sql, withRoom(image, imageHeadroom(image.length)));
    fill(db, 1);
    db.run('DELETE FROM fill WHERE id % 7 = 0');
    const inPlace = imageInStorage(db, storage);
    expect(inPlace).not.toBeNull();
    // The copy is taken after the probe: the header is put back as it was.
    const copy = Buffer.from(inPlace!);
    const exported = db.export();
    // export() rewrites the two format bytes (18, 19) and its own change counter; everything else is the same file.
    expect(copy.length).toBe(exported.length);
    expect(copy.subarray(100).equals(Buffer.from(exported).subarray(100))).toBe(true);
    // A database opened from it holds every row, and the original goes on working.
    const reopened = new sql.Database(copy);
    expect(rows(reopened)).toBe(rows(db));
    expect(Number(reopened.exec('PRAGMA user_version')[0]!.values[0]![0])).toBe(0);
    reopened.close();
    fill(db, 1);
    expect(rows(db)).toBe(3 * 256 + 2 * 256 - Math.floor((3 * 256 + 256) / 7));
    db.close();
  });

  it('is refused once the file outgrew its room (sql.js moved it into a new array): an export is needed', async () => {
    const image = await filledImage(2);
    const { db, storage } = loadImageKeepingStorage(sql, withRoom(image, MB));
    expect(imageInStorage(db, storage)).not.toBeNull();
    fill(db, 3);
    expect(imageInStorage(db, storage)).toBeNull();
    expect(rows(db)).toBe(5 * 256);
    db.close();
  });

  it('is refused for a database that was not loaded from an image', () => {
    const { db, storage } = loadImageKeepingStorage(sql, null);
    db.run('CREATE TABLE fill (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)');
    expect(storage).toBeNull();
    expect(imageInStorage(db, storage)).toBeNull();
    db.close();
  });

  it('is refused when the memory is not the file any more, even when it is large enough: the probe is what proves it', async () => {
    const image = await filledImage(2);
    const { db, storage } = loadImageKeepingStorage(sql, withRoom(image, imageHeadroom(image.length)));
    // A stand-in of the same size that SQLite does not read: what a replaced storage looks like.
    const stale = new Uint8Array(storage!.length);
    stale.set(storage!);
    expect(imageInStorage(db, stale)).toBeNull();
    expect(imageInStorage(db, storage)).not.toBeNull();
    db.close();
  });
});
