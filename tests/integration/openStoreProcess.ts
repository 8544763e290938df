// Opened as a second process by the store tests: tries to open a store that another process holds.
import { EncryptedDatabase } from '../../electron/store/encryptedDatabase';
import { StaticKeyProvider } from '../../electron/store/keyProvider';

const folder = process.argv[2]!;
try {
  const store = await EncryptedDatabase.open({ folder, keyProvider: new StaticKeyProvider(Buffer.alloc(32, 7)), idleCheckpointMs: 0 });
  await store.close();
  console.log('opened');
} catch (error) {
  console.log(`refused: ${(error as Error).message}`);
}
