import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { simpleParser, type ParsedMail } from 'mailparser';
import { freePorts, waitForPort } from '../net/localPorts';

/**
 * Runs a server's start command to its end. Its output goes to a file, not a pipe: the daemon it leaves behind
 * would hold a pipe open and the command would never seem to end.
 */
async function run(program: string, args: string[], logFile: string): Promise<void> {
  const log = openSync(logFile, 'a');
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(program, args, { stdio: ['ignore', log, log] });
      child.once('error', reject);
      child.once('exit', resolve);
    });
    if (code !== 0) throw new Error(`${program} ${args.join(' ')} ended with ${code}`);
  } finally {
    closeSync(log);
  }
}

/**
 * A mail system of Debian's own servers on this machine, as an operator runs one: Postfix takes the app's letters
 * over SMTP (STARTTLS, then AUTH checked by Dovecot's SASL), delivers them to Maildirs with its `virtual` agent, and
 * Dovecot serves the mailboxes over IMAP. Each run has its own config folder, queue, ports and mailboxes in a temp
 * folder; nothing of the system's own /etc/postfix or /etc/dovecot is used or started.
 */
export const MAIL_PROGRAMS = { postfix: '/usr/sbin/postfix', dovecot: '/usr/sbin/dovecot', postfixDaemons: '/usr/lib/postfix/sbin/master' };

/** Why the mail system cannot run here, or null. Postfix's master and Dovecot need root (they switch users). */
export function mailSystemMissing(): string | null {
  const missing = Object.entries(MAIL_PROGRAMS).filter(([, path]) => !existsSync(path));
  if (missing.length > 0) {
    return `Postfix and Dovecot are not installed here (${missing.map(([name, path]) => `${name}: ${path}`).join(', ')}): apt-get install postfix dovecot-imapd`;
  }
  if (userInfo().uid !== 0) return 'Postfix and Dovecot start as root (they switch to their own users): run the mail suite as root, as .ci/run does';
  return null;
}

export interface Mailbox {
  address: string;
  password: string;
}

/** The account the app authenticates as when it submits letters (checked by Dovecot for Postfix). */
export const SUBMITTER = { user: 'cabinet', password: 'Submit-Pa55-for-tests' };

const MAIL_UID = 65534; // nobody: the mailboxes' owner (Postfix's virtual agent and Dovecot both act as it)

export class MailSystem {
  private constructor(
    readonly dir: string,
    readonly ports: { smtp: number; imap: number },
    /** The server certificate (PEM) the app is told to trust. */
    readonly certificate: string,
    private readonly mailboxes: Mailbox[],
  ) {}

  static async start(mailboxes: Mailbox[]): Promise<MailSystem> {
    const dir = await mkdtemp(join(tmpdir(), 'mail-'));
    // Postfix's and Dovecot's own users read their configs and write the mailboxes below this folder.
    await chmod(dir, 0o755);
    const [smtp, imap] = await freePorts(2);
    const folders = { postfix: join(dir, 'postfix'), queue: join(dir, 'postfix', 'queue'), data: join(dir, 'postfix', 'data'), run: join(dir, 'dovecot'), mail: join(dir, 'mail') };
    for (const folder of Object.values(folders)) await mkdir(folder, { recursive: true, mode: 0o755 });
    await chown(folders.data, postfixUid(), -1);
    await chown(folders.mail, MAIL_UID, MAIL_UID);
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(folders.postfix, 'key.pem'), '-out', join(folders.postfix, 'cert.pem'), '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost', '-days', '2'], { stdio: 'ignore' });
    const system = new MailSystem(dir, { smtp: smtp!, imap: imap! }, await readFile(join(folders.postfix, 'cert.pem'), 'utf8'), mailboxes);
    await system.writeConfigs(folders);
    const startLog = join(dir, 'start.log');
    const failed = async (error: Error) => {
      throw new Error(`${error.message}\n${await readFile(startLog, 'utf8').catch(() => '')}\n${await system.log()}`);
    };
    await run(MAIL_PROGRAMS.dovecot, ['-c', join(dir, 'dovecot.conf')], startLog).catch(failed);
    await run(MAIL_PROGRAMS.postfix, ['-c', folders.postfix, 'start'], startLog).catch(failed);
    await waitForPort(system.ports.smtp);
    await waitForPort(system.ports.imap);
    return system;
  }

  private async writeConfigs(folders: { postfix: string; queue: string; data: string; run: string; mail: string }): Promise<void> {
    const users = [...this.mailboxes.map((box) => `${box.address}:{PLAIN}${box.password}`), `${SUBMITTER.user}:{PLAIN}${SUBMITTER.password}`];
    await writeFile(join(this.dir, 'users'), `${users.join('\n')}\n`, { mode: 0o644 });
    await writeFile(
      join(this.dir, 'dovecot.conf'),
      `base_dir = ${folders.run}
state_dir = ${folders.run}/state
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = ${this.dir}/dovecot.log
mail_location = maildir:${folders.mail}/%u/Maildir
first_valid_uid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${this.dir}/users
}
userdb {
  driver = static
  args = uid=${MAIL_UID} gid=${MAIL_UID} home=${folders.mail}/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${this.ports.imap}
  }
  inet_listener imaps {
    port = 0
  }
}
# Postfix asks Dovecot whether the app's SMTP login is right (SASL).
service auth {
  unix_listener smtp-auth {
    mode = 0666
  }
}
`,
    );
    const mailboxMap = this.mailboxes.map((box) => `${box.address}=${box.address}/Maildir/`).join(', ');
    await writeFile(
      join(folders.postfix, 'main.cf'),
      `compatibility_level = 3.6
queue_directory = ${folders.queue}
data_directory = ${folders.data}
command_directory = /usr/sbin
daemon_directory = /usr/lib/postfix/sbin
meta_directory = /etc/postfix
shlib_directory = /usr/lib/postfix
mail_owner = postfix
setgid_group = postdrop
myhostname = mx.test.invalid
mydestination =
alias_maps =
alias_database =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
maillog_file = ${folders.postfix}/maillog
maillog_file_prefixes = ${this.dir}
virtual_mailbox_domains = ${[...new Set(this.mailboxes.map((box) => box.address.split('@')[1]!))].join(' ')}
virtual_mailbox_base = ${folders.mail}
virtual_mailbox_maps = inline:{ ${mailboxMap} }
virtual_uid_maps = static:${MAIL_UID}
virtual_gid_maps = static:${MAIL_UID}
virtual_minimum_uid = 1
smtpd_tls_cert_file = ${folders.postfix}/cert.pem
smtpd_tls_key_file = ${folders.postfix}/key.pem
smtpd_tls_security_level = may
smtpd_tls_auth_only = yes
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = ${folders.run}/smtp-auth
smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination
smtpd_recipient_restrictions = permit_sasl_authenticated, reject
`,
    );
    // Postfix's daemons, none chrooted (the temp folder is not a chroot jail); `virtual` delivers to the Maildirs.
    await writeFile(
      join(folders.postfix, 'master.cf'),
      `127.0.0.1:${this.ports.smtp} inet n - n - - smtpd
pickup    unix  n - n 60    1 pickup
cleanup   unix  n - n -     0 cleanup
qmgr      unix  n - n 300   1 qmgr
tlsmgr    unix  - - n 1000? 1 tlsmgr
rewrite   unix  - - n -     - trivial-rewrite
bounce    unix  - - n -     0 bounce
defer     unix  - - n -     0 bounce
trace     unix  - - n -     0 bounce
verify    unix  - - n -     1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n -     - proxymap
smtp      unix  - - n -     - smtp
showq     unix  n - n -     - showq
error     unix  - - n -     - error
retry     unix  - - n -     - error
discard   unix  - - n -     - discard
virtual   unix  - n n -     - virtual
anvil     unix  - - n -     1 anvil
scache    unix  - - n -     1 scache
postlog   unix-dgram n - n - 1 postlogd
`,
    );
  }

  /** Every letter in a mailbox's INBOX, read over IMAP with the mailbox's own login, oldest first. */
  async inbox(mailbox: Mailbox): Promise<ParsedMail[]> {
    const client = new ImapFlow({ host: '127.0.0.1', port: this.ports.imap, secure: false, auth: { user: mailbox.address, pass: mailbox.password }, logger: false });
    await client.connect();
    try {
      const lock = await client.getMailboxLock('INBOX');
      try {
        const letters: ParsedMail[] = [];
        if (typeof client.mailbox === 'object' && client.mailbox.exists === 0) return letters;
        for await (const message of client.fetch('1:*', { source: true })) letters.push(await simpleParser(message.source!));
        return letters;
      } finally {
        lock.release();
      }
    } finally {
      await client.logout();
    }
  }

  /** Waits until Postfix has delivered `count` letters to the mailbox (delivery is queued, so it takes a moment). */
  async waitForLetters(mailbox: Mailbox, count: number, timeoutMs = 20_000): Promise<ParsedMail[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const letters = await this.inbox(mailbox);
      if (letters.length >= count) return letters;
      if (Date.now() > deadline) throw new Error(`${mailbox.address} has ${letters.length} of ${count} letters; Postfix's log:\n${await this.log()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  log(): Promise<string> {
    return readFile(join(this.dir, 'postfix', 'maillog'), 'utf8').catch(() => '');
  }

  async stop(): Promise<void> {
    await run(MAIL_PROGRAMS.postfix, ['-c', join(this.dir, 'postfix'), 'stop'], join(this.dir, 'start.log')).catch(() => undefined);
    const pid = Number(await readFile(join(this.dir, 'dovecot', 'master.pid'), 'utf8').catch(() => ''));
    if (pid > 0) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
      for (let i = 0; i < 50 && alive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await rm(this.dir, { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function postfixUid(): number {
  return Number(execFileSync('id', ['-u', 'postfix'], { encoding: 'utf8' }).trim());
}
