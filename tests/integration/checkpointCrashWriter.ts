// A child process for the checkpoint crash test: a store of a few MB that checkpoints back to back (each one in
// the store's worker thread) while numbered transactions are committed, until it is killed.
// "checkpointing" is printed as each checkpoint starts, "checkpointed" when it is on the disk, "ack n" after commit n.
import { randomBytes } from 'node:crypto';
import { writeSync } from 'node:fs';
import { EncryptedDatabase } from '../../electron/store/encryptedDatabase';
import { StaticKeyProvider } from '../../electron/store/keyProvider';

const [folder, startText] = process.argv.slice(2) as [string, string];
const store = await EncryptedDatabase.open({ folder, keyProvider: new StaticKeyProvider(Buffer.alloc(32, 5)), idleCheckpointMs: 0, checkpointBytes: 1024 * 1024 * 1024 });
const filled = await store.readSql(async (sql) => (await sql.all("SELECT name FROM sqlite_master WHERE name = 'filler'")).length > 0);
if (!filled) {
  await store.writeSql(async (sql) => sql.run('CREATE TABLE filler (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)'));
  for (let part = 0; part < 4; part += 1) {
    await store.writeSql(async (sql) => {
      for (let row = 0; row < 1000; row += 1) await sql.run('INSERT INTO filler (payload) VALUES ($payload)', { payload: randomBytes(512).toString('hex') });
    });
  }
}
const checkpointAgain = (): void => {
  writeSync(1, 'checkpointing\n');
  void store.checkpoint().then(
    () => {
      writeSync(1, 'checkpointed\n');
      checkpointAgain();
    },
    (error: Error) => {
      writeSync(2, `checkpoint failed: ${error.message}\n`);
      process.exit(1);
    },
  );
};
writeSync(1, 'ready\n');
checkpointAgain();
for (let n = Number(startText); ; n += 1) {
  await store.writeSql(async (sql) => {
    for (const half of ['a', 'b']) {
      await sql.run("INSERT INTO regions (id, name_ru, name_en, time_zone) VALUES ($id, 'р', 'checkpoint crash', 'Europe/Moscow')", { id: `n${n}-${half}` });
    }
  });
  writeSync(1, `ack ${n}\n`);
}
