/** The part of the `smpp` package (SMPP 3.4 over TCP) this app uses; the package ships no types. */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Socket } from 'node:net';

  export interface Pdu {
    command: string;
    command_status: number;
    sequence_number: number;
    [field: string]: unknown;
    response(options?: Record<string, unknown>): Pdu;
    isResponse(): boolean;
  }

  export class PDU implements Pdu {
    constructor(command: string, options?: Record<string, unknown>);
    command: string;
    command_status: number;
    sequence_number: number;
    [field: string]: unknown;
    response(options?: Record<string, unknown>): Pdu;
    isResponse(): boolean;
    toBuffer(): Buffer;
    static fromBuffer(buffer: Buffer): PDU;
  }

  export class Session extends EventEmitter {
    socket: Socket;
    send(pdu: Pdu, responseCallback?: (response: Pdu) => void): boolean;
    bind_transceiver(options: Record<string, unknown>, responseCallback?: (response: Pdu) => void): boolean;
    submit_sm(options: Record<string, unknown>, responseCallback?: (response: Pdu) => void): boolean;
    enquire_link(options?: Record<string, unknown>, responseCallback?: (response: Pdu) => void): boolean;
    unbind(options?: Record<string, unknown>, responseCallback?: (response: Pdu) => void): boolean;
    deliver_sm(options: Record<string, unknown>, responseCallback?: (response: Pdu) => void): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
  }

  export interface Server extends EventEmitter {
    listen(port: number, host?: string, callback?: () => void): Server;
    address(): { port: number } | string | null;
    close(callback?: () => void): void;
  }

  export function connect(options: { host: string; port: number; tls?: boolean }, listener?: () => void): Session;
  export function createServer(listener: (session: Session) => void): Server;

  export const ESME_ROK: number;
  export const ESME_RTHROTTLED: number;
  export const ESME_RMSGQFUL: number;
}
