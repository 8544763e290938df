// A child process for the crash test: commits numbered transactions until it is killed.
// Each transaction writes two rows (n-a and n-b); "ack n" is printed only after the commit resolved.
import { writeSync } from 'node:fs';
import { EncryptedDatabase } from '../../electron/store/encryptedDatabase';
import { StaticKeyProvider } from '../../electron/store/keyProvider';

const [folder, startText] = process.argv.slice(2) as [string, string];
const store = await EncryptedDatabase.open({
  folder,
  keyProvider: new StaticKeyProvider(Buffer.alloc(32, 7)),
  checkpointBytes: 48 * 1024,
  idleCheckpointMs: 0,
});
writeSync(1, 'ready\n');
for (let n = Number(startText); ; n += 1) {
  const padding = 'x'.repeat((n * 7919) % 900);
  await store.writeSql(async (sql) => {
    for (const half of ['a', 'b']) {
      await sql.run("INSERT INTO regions (id, name_ru, name_en, time_zone) VALUES ($id, $name, 'crash test', 'Europe/Moscow')", {
        id: `n${n}-${half}`,
        name: padding,
      });
    }
  });
  writeSync(1, `ack ${n}\n`);
}
