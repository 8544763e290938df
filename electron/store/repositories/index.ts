import type { Repositories } from '../../core/unitOfWork';
import type { SqlExecutor } from '../sqlExecutor';
import { SqlAccountRepository } from './accountRepository';
import { SqlCredentialRepository } from './credentialRepository';
import { SqlSignInRecordRepository } from './signInRecordRepository';

export function sqlRepositories(sql: SqlExecutor): Repositories {
  return {
    account: new SqlAccountRepository(sql),
    credentials: new SqlCredentialRepository(sql),
    signIns: new SqlSignInRecordRepository(sql),
  };
}
