/**
 * What an SMS text becomes on the SMPP link (SMPP 3.4, GSM 03.38 / 03.40): the data coding, and the
 * short_message of each part, with a concatenation UDH when the text needs more than one.
 */

/** data_coding 0: the SMSC's default alphabet (GSM 03.38); 8: UCS-2 (UTF-16BE). */
export type DataCoding = 0 | 8;

export interface SmsParts {
  dataCoding: DataCoding;
  /** esm_class for every part: 0x40 (UDH indicator) when the text was split. */
  esmClass: number;
  /** Each part's short_message bytes, UDH first where there is one. */
  parts: Buffer[];
}

export const ESM_UDH_INDICATOR = 0x40;
/** The part of esm_class that marks a deliver_sm as a delivery receipt from the SMSC. */
export const ESM_DELIVERY_RECEIPT = 0x04;

/**
 * A single SMS holds 140 octets: 160 GSM characters (7 bits each, packed by the SMSC; SMPP carries them one per
 * octet) or 70 UCS-2 units. A concatenated part gives 6 octets to its UDH: 153 GSM characters or 67 UCS-2 units.
 */
const CAPACITY: Record<DataCoding, { single: number; part: number }> = { 0: { single: 160, part: 153 }, 8: { single: 140, part: 134 } };
/** The most parts one concatenated message may have (the UDH's count is one octet). */
export const MAX_PARTS = 255;

/**
 * Characters whose GSM 03.38 code equals their ASCII code: a text of only these is sent unpacked in the default
 * alphabet, one octet each. Anything else (Cyrillic, «», ₽, @, $, _ …) goes as UCS-2.
 */
const SAME_IN_GSM = /^[A-Za-z0-9 \n\r!"#%&'()*+,\-./:;<=>?]*$/;

export function dataCodingFor(text: string): DataCoding {
  return SAME_IN_GSM.test(text) ? 0 : 8;
}

/**
 * Splits a text into SMS parts. `reference` (0–255) ties the parts of one message together on the handset; the
 * caller gives each long message its own. UCS-2 parts never cut a surrogate pair (an emoji stays whole).
 */
export function smsParts(text: string, reference: number): SmsParts {
  if (text.length === 0) throw new RangeError('text: an SMS needs at least one character');
  if (!Number.isInteger(reference) || reference < 0 || reference > 255) throw new RangeError('reference: expected an integer 0–255');
  const dataCoding = dataCodingFor(text);
  const units = dataCoding === 0 ? [...Buffer.from(text, 'latin1')].map((byte) => Buffer.from([byte])) : ucs2Units(text);
  const whole = Buffer.concat(units);
  const capacity = CAPACITY[dataCoding];
  if (whole.length <= capacity.single) return { dataCoding, esmClass: 0, parts: [whole] };

  const chunks: Buffer[] = [];
  let current: Buffer[] = [];
  let size = 0;
  for (const unit of units) {
    if (size + unit.length > capacity.part) {
      chunks.push(Buffer.concat(current));
      current = [];
      size = 0;
    }
    current.push(unit);
    size += unit.length;
  }
  if (current.length > 0) chunks.push(Buffer.concat(current));
  if (chunks.length > MAX_PARTS) throw new RangeError(`text: too long for one SMS message (${chunks.length} parts, at most ${MAX_PARTS})`);
  const parts = chunks.map((chunk, index) => Buffer.concat([concatenationUdh(reference, chunks.length, index + 1), chunk]));
  return { dataCoding, esmClass: ESM_UDH_INDICATOR, parts };
}

/** The UDH of one part: IEI 0x00 (concatenated SM, 8-bit reference), its length 3, then reference, total, number. */
export function concatenationUdh(reference: number, total: number, number: number): Buffer {
  return Buffer.from([0x05, 0x00, 0x03, reference, total, number]);
}

/** The text as UTF-16BE code units, a surrogate pair kept together as one 4-octet unit. */
function ucs2Units(text: string): Buffer[] {
  return [...text].map((character) => Buffer.from(character, 'utf16le').swap16());
}

export interface DecodedShortMessage {
  text: string;
  /** Present when the message was one part of a concatenated one. */
  concatenation: { reference: number; total: number; number: number } | null;
}

/** Reads a deliver_sm's short_message: the UDH (if esm_class says there is one) and the text in its coding. */
export function decodeShortMessage(bytes: Buffer, dataCoding: number, esmClass: number): DecodedShortMessage {
  let body = bytes;
  let concatenation: DecodedShortMessage['concatenation'] = null;
  if (esmClass & ESM_UDH_INDICATOR && bytes.length > 0) {
    const udhLength = bytes[0]! + 1;
    const udh = bytes.subarray(1, udhLength);
    body = bytes.subarray(udhLength);
    for (let at = 0; at + 1 < udh.length; at += 2 + udh[at + 1]!) {
      const iei = udh[at]!;
      if (iei === 0x00 && udh[at + 1] === 3) concatenation = { reference: udh[at + 2]!, total: udh[at + 3]!, number: udh[at + 4]! };
      if (iei === 0x08 && udh[at + 1] === 4) concatenation = { reference: udh.readUInt16BE(at + 2), total: udh[at + 4]!, number: udh[at + 5]! };
    }
  }
  return { text: decodeText(body, dataCoding), concatenation };
}

function decodeText(body: Buffer, dataCoding: number): string {
  if ((dataCoding & 0x0f) === 8 || dataCoding === 8) return Buffer.from(body).swap16().toString('utf16le');
  // 0 (GSM 03.38, unpacked), 1 (IA5) and 3 (Latin-1): the characters a reply is made of read the same in all three.
  return body.toString('latin1');
}

export type ReceiptState = 'delivered' | 'undeliverable' | 'en-route';

export interface DeliveryReceipt {
  /** The SMSC's id of the part, as its submit_sm_resp gave it. */
  messageId: string;
  state: ReceiptState;
  /** The receipt's own stat: word (DELIVRD, UNDELIV …), kept for the history. */
  stat: string;
}

/**
 * A delivery receipt: the receipted_message_id and message_state TLVs where the SMSC sends them (SMPP 3.4 §5.3.2),
 * else the text form of Appendix B ("id:… sub:… dlvrd:… submit date:… done date:… stat:DELIVRD err:… text:…").
 */
export function parseDeliveryReceipt(text: string, tlv: { receiptedMessageId?: string; messageState?: number } = {}): DeliveryReceipt | null {
  const id = tlv.receiptedMessageId ?? /(?:^|\s)id:(\S+)/i.exec(text)?.[1];
  const statWord = /(?:^|\s)stat:(\w+)/i.exec(text)?.[1]?.toUpperCase();
  const stat = statWord ?? (tlv.messageState !== undefined ? (STATE_WORDS[tlv.messageState] ?? 'UNKNOWN') : undefined);
  if (!id || !stat) return null;
  return { messageId: id, state: receiptState(stat), stat };
}

/** message_state values (SMPP 3.4 §5.2.28) in the words of a text receipt. */
const STATE_WORDS: Record<number, string> = { 1: 'ENROUTE', 2: 'DELIVRD', 3: 'EXPIRED', 4: 'DELETED', 5: 'UNDELIV', 6: 'ACCEPTD', 7: 'UNKNOWN', 8: 'REJECTD' };

function receiptState(stat: string): ReceiptState {
  if (stat === 'DELIVRD') return 'delivered';
  if (stat === 'ENROUTE' || stat === 'ACCEPTD' || stat === 'BUFFRED') return 'en-route';
  return 'undeliverable';
}

/** Digits a subscriber may see in the history: runs of four or more (codes, PUKs) are hidden. */
export function withoutCodes(text: string): string {
  return text.replace(/\d{4,}/g, (digits) => '•'.repeat(digits.length));
}

/** An address on the SMPP link: the E.164 number's digits, without '+' (sent with TON 1, international). */
export function smppAddress(msisdn: string): string {
  return msisdn.replace(/^\+/, '');
}

/** A handset's address as an SMSC gives it (79…, +79…, 89…) in E.164, or null when it is not a Russian mobile. */
export function e164FromSmpp(address: string): string | null {
  const digits = address.replace(/[^\d]/g, '');
  if (/^7\d{10}$/.test(digits)) return `+${digits}`;
  if (/^8\d{10}$/.test(digits)) return `+7${digits.slice(1)}`;
  if (/^9\d{9}$/.test(digits)) return `+7${digits}`;
  return null;
}
