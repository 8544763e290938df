import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts, waitForPort } from '../net/localPorts';

/**
 * A test network of Kannel's own programs on this machine: bearerbox (the gateway), opensmppbox (its SMPP server,
 * which the app binds to as an ESME) and fakesmsc (the handsets' side: it prints what reaches the phones and sends
 * what the phones answer). Each run has its own configs, ports and logs in a temp folder.
 */
export const KANNEL = {
  bearerbox: process.env.KANNEL_BEARERBOX ?? '/usr/sbin/bearerbox',
  opensmppbox: process.env.KANNEL_OPENSMPPBOX ?? '/usr/local/sbin/opensmppbox',
  fakesmsc: process.env.KANNEL_FAKESMSC ?? '/usr/lib/kannel/test/fakesmsc',
};

/** Why the network cannot run here, or null when every program is installed (.ci/run installs them). */
export function kannelMissing(): string | null {
  const missing = Object.entries(KANNEL).filter(([, path]) => !existsSync(path));
  if (missing.length === 0) return null;
  return `Kannel is not installed here (${missing.map(([name, path]) => `${name}: ${path}`).join(', ')}): apt-get install kannel kannel-extras, then bash .ci/build-opensmppbox.sh`;
}

export interface HandsetMessage {
  from: string;
  to: string;
  /** The text as the phone shows it: UCS-2 decoded, or the default alphabet's. */
  text: string;
  udh: Buffer | null;
}

export const SMPP_LOGIN = { systemId: 'cabinet', password: 's3cret', systemType: 'cabinet' };
export const SHORT_CODE = '0611';

export class KannelNetwork {
  readonly received: HandsetMessage[] = [];
  private readonly processes = new Set<ChildProcess>();
  private opensmppbox: ChildProcess | null = null;
  private readonly waiters = new Set<() => void>();

  private constructor(
    readonly dir: string,
    readonly ports: { admin: number; box: number; handsets: number; replies: number; smpp: number },
  ) {}

  static async start(): Promise<KannelNetwork> {
    const dir = await mkdtemp(join(tmpdir(), 'kannel-'));
    const [admin, box, handsets, replies, smpp] = await freePorts(5);
    const network = new KannelNetwork(dir, { admin: admin!, box: box!, handsets: handsets!, replies: replies!, smpp: smpp! });
    await network.writeConfigs();
    network.spawnKept(KANNEL.bearerbox, [join(dir, 'kannel.conf')], 'bearerbox');
    await waitForPort(network.ports.box);
    await waitForPort(network.ports.handsets);
    await network.startOpensmppbox();
    // The handsets' side: fakesmsc with nothing to send prints every message that reaches a phone.
    const phones = network.spawnKept(KANNEL.fakesmsc, ['-H', '127.0.0.1', '-r', String(network.ports.handsets), '-m', '0', 'x x text x'], 'fakesmsc');
    phones.stderr!.setEncoding('latin1').on('data', (chunk: string) => network.read(chunk));
    phones.stdout!.setEncoding('latin1').on('data', (chunk: string) => network.read(chunk));
    return network;
  }

  get smppPort(): number {
    return this.ports.smpp;
  }

  /** The SMPP server goes away mid-link (as when the gateway restarts) and comes back on the same port. */
  async restartOpensmppbox(downForMs = 300): Promise<void> {
    const box = this.opensmppbox;
    if (box) {
      this.processes.delete(box);
      await stopProcess(box, 'SIGKILL');
    }
    await new Promise((resolve) => setTimeout(resolve, downForMs));
    await this.startOpensmppbox();
  }

  /** A phone sends `text` to the short code: fakesmsc connects to the replies SMSC, sends one message and is ended. */
  async reply(from: string, text: string): Promise<void> {
    const sender = spawn(KANNEL.fakesmsc, ['-H', '127.0.0.1', '-r', String(this.ports.replies), '-i', '0.01', '-m', '1', `${from.replace(/^\+/, '')} ${SHORT_CODE} text ${text}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let said = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fakesmsc did not send the reply: ${said.slice(-500)}`)), 10_000);
      const listen = (chunk: Buffer) => {
        said += chunk.toString('latin1');
        if (said.includes('sent message 1')) {
          clearTimeout(timer);
          resolve();
        }
      };
      sender.stdout!.on('data', listen);
      sender.stderr!.on('data', listen);
    });
    // fakesmsc stays to print answers; the replies SMSC takes one client at a time, so it goes once its message is in.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await stopProcess(sender, 'SIGTERM');
  }

  /** The messages that reached `msisdn`'s phone since `from` (an index into `received`), once `count` are there. */
  async messagesTo(msisdn: string, count = 1, from = 0, timeoutMs = 15_000): Promise<HandsetMessage[]> {
    const digits = msisdn.replace(/^\+/, '');
    const matching = () => this.received.slice(from).filter((message) => message.to.replace(/^\+/, '') === digits);
    await this.until(() => matching().length >= count, timeoutMs, `${count} message(s) to ${msisdn}; fakesmsc has ${JSON.stringify(this.received.slice(from))}`);
    return matching();
  }

  async until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.waiters.add(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async stop(): Promise<void> {
    await Promise.all([...this.processes].map((child) => stopProcess(child, 'SIGKILL')));
    this.processes.clear();
    await rm(this.dir, { recursive: true, force: true });
  }

  private async startOpensmppbox(): Promise<void> {
    this.opensmppbox = this.spawnKept(KANNEL.opensmppbox, [join(this.dir, 'opensmppbox.conf')], 'opensmppbox');
    await waitForPort(this.ports.smpp);
  }

  private spawnKept(command: string, args: string[], name: string): ChildProcess {
    const child = spawn(command, args, { cwd: this.dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child.on('error', (error) => {
      throw new Error(`${name} could not start: ${error.message}`);
    });
    // A box's own chatter is not read: it goes to its log file in the temp folder.
    if (name !== 'fakesmsc') {
      child.stdout!.resume();
      child.stderr!.resume();
    }
    this.processes.add(child);
    return child;
  }

  private pending = '';
  /** fakesmsc prints each message as "Got message N: <from to type [udh] data>", data URL-encoded. */
  private read(chunk: string): void {
    this.pending += chunk;
    const lines = this.pending.split('\n');
    this.pending = lines.pop() ?? '';
    for (const line of lines) {
      const match = /Got message \d+: <(.*)>\s*$/.exec(line);
      if (!match) continue;
      const [from = '', to = '', type = '', ...rest] = match[1]!.split(' ');
      let udh: Buffer | null = null;
      let data: Buffer;
      let ucs2 = type === 'ucs-2' || type === 'ucs2';
      if (type === 'udh' || type === 'udh-data' || type === 'udh-text') {
        udh = urlDecode(rest[0] ?? '');
        // The parts' coding is not printed after a UDH: the test network sends Cyrillic, so UCS-2.
        ucs2 = true;
        data = urlDecode(rest.at(-1) ?? '');
      } else {
        data = urlDecode(rest.join(' '));
      }
      const text = ucs2 ? Buffer.from(data).swap16().toString('utf16le') : data.toString('latin1');
      this.received.push({ from, to, text, udh });
    }
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }

  private async writeConfigs(): Promise<void> {
    const { dir, ports } = this;
    await writeFile(
      join(dir, 'kannel.conf'),
      `group = core
admin-port = ${ports.admin}
admin-password = test-only
smsbox-port = ${ports.box}
box-allow-ip = "127.0.0.1"
log-file = "${join(dir, 'bearerbox.log')}"
log-level = 1
dlr-storage = internal

group = smsbox
bearerbox-host = 127.0.0.1

# The phones: what is sent to subscribers reaches this fake SMSC (fakesmsc prints it) and is reported delivered.
group = smsc
smsc = fake
smsc-id = handsets
port = ${ports.handsets}
connect-allow-ip = "127.0.0.1"
allowed-smsc-id = handsets

# The phones' answers come in here (fakesmsc -m 1 per reply); nothing is sent out through it.
group = smsc
smsc = fake
smsc-id = replies
port = ${ports.replies}
connect-allow-ip = "127.0.0.1"
allowed-smsc-id = replies-only

# Messages from phones go to the app's SMPP bind (opensmppbox identifies as "cabinet", its system_type).
group = smsbox-route
smsbox-id = cabinet
smsc-id = "replies;handsets"
`,
    );
    await writeFile(
      join(dir, 'opensmppbox.conf'),
      `group = core
dlr-storage = internal

group = opensmppbox
opensmppbox-id = cabinet
opensmppbox-port = ${ports.smpp}
bearerbox-host = 127.0.0.1
bearerbox-port = ${ports.box}
our-system-id = kannel
route-to-smsc = handsets
smpp-logins = "${join(dir, 'smpplogins.txt')}"
log-file = "${join(dir, 'opensmppbox.log')}"
log-level = 1
`,
    );
    await writeFile(join(dir, 'smpplogins.txt'), `${SMPP_LOGIN.systemId} ${SMPP_LOGIN.password} ${SMPP_LOGIN.systemType} 127.0.0.1\n`);
  }
}

/** Kannel's URL encoding: %XX for a byte, '+' for a space, anything else as it is. */
export function urlDecode(text: string): Buffer {
  const bytes: number[] = [];
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index]!;
    if (character === '%' && /^[0-9A-Fa-f]{2}$/.test(text.slice(index + 1, index + 3))) {
      bytes.push(parseInt(text.slice(index + 1, index + 3), 16));
      index += 2;
    } else if (character === '+') {
      bytes.push(0x20);
    } else {
      bytes.push(character.charCodeAt(0) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

async function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
