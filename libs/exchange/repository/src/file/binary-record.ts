import type { ExchangeCommand, JournalRecord, PlaceOrderCommand, ProductSpec } from '@mosaic/exchange-domain';

/**
 * The binary form of a journal record (layout 1, used by segment format 2).
 * JSON cost ~4 µs a record on replay; this is a fixed layout per command type:
 *
 *   u8   command tag (1 put_product, 2 deposit, 3 withdraw, 4 place_order, 5 cancel_order, 6 cancel_all)
 *   u8   flags: bit 0 ref present; per type below
 *   f64  time (epoch ms; every safe integer is exact)
 *   …    fields of the command, in the order written below
 *   str16 ref, when flagged
 *
 * Strings are UTF-8 with a u8 (`str8`) or u16 LE (`str16`) byte length. Ticks,
 * lots and order ids are f64 (safe integers, exact). Amounts are u8 0 + u64 LE
 * when they fit in 64 bits, else u8 1 + str16 of the decimal digits. A product
 * spec (rare: listing) is a str16 of its JSON. The sequence number is in the
 * frame header, not here.
 */
const TAG = { put_product: 1, deposit: 2, withdraw: 3, place_order: 4, cancel_order: 5, cancel_all: 6 } as const;
const REF = 1;
// place_order flags
const SELL = 2;
const MARKET = 4;
const PRICE = 8;
const SIZE = 16;
const FUNDS = 32;
const POST_ONLY_SET = 64;
const POST_ONLY = 128;
// cancel_all flag
const PRODUCT = 2;

const TIME_IN_FORCE = [undefined, 'GTC', 'IOC', 'FOK'] as const;
const STP = [undefined, 'cancel_resting', 'cancel_taker', 'cancel_both'] as const;
const U64_LIMIT = 1n << 64n;

/** Writes a record's payload into `out` at `offset` (the caller makes room: see `maxPayloadBytes`); returns the end offset. */
export function writeRecordPayload(record: JournalRecord, out: Buffer, offset: number): number {
  const command = record.command;
  const start = offset;
  let flags = command.ref === undefined ? 0 : REF;
  out[start] = TAG[command.type] ?? fail(`unknown command type ${String(command.type)}`);
  out.writeDoubleLE(record.time, start + 2);
  offset = start + 10;
  switch (command.type) {
    case 'put_product':
      offset = str16(out, offset, JSON.stringify(command.product));
      break;
    case 'deposit':
    case 'withdraw':
      offset = str8(out, offset, command.userId);
      offset = str8(out, offset, command.currency);
      offset = amount(out, offset, command.amount);
      break;
    case 'cancel_order':
      offset = str8(out, offset, command.userId);
      offset = out.writeDoubleLE(command.orderId, offset);
      break;
    case 'cancel_all':
      offset = str8(out, offset, command.userId);
      if (command.productId !== undefined) {
        flags |= PRODUCT;
        offset = str8(out, offset, command.productId);
      }
      break;
    case 'place_order': {
      flags |= orderFlags(command);
      out[offset++] = enumIndex(TIME_IN_FORCE, command.timeInForce, 'timeInForce') | (enumIndex(STP, command.stp, 'stp') << 2);
      offset = str8(out, offset, command.userId);
      offset = str8(out, offset, command.productId);
      if (command.price !== undefined) offset = out.writeDoubleLE(command.price, offset);
      if (command.size !== undefined) offset = out.writeDoubleLE(command.size, offset);
      if (command.funds !== undefined) offset = amount(out, offset, command.funds);
      break;
    }
  }
  if (command.ref !== undefined) offset = str16(out, offset, command.ref);
  out[start + 1] = flags;
  return offset;
}

/** An upper bound on the payload size, so the writer can size its buffer without a first pass. */
export function maxPayloadBytes(record: JournalRecord): number {
  const command = record.command;
  // Fixed fields fit in 64 bytes; strings take at most 3 UTF-8 bytes per UTF-16 unit.
  let bytes = 64 + 3 * ((command.ref?.length ?? 0) + ('userId' in command ? command.userId.length : 0));
  if (command.type === 'put_product') bytes += 3 * JSON.stringify(command.product).length;
  if (command.type === 'deposit' || command.type === 'withdraw') bytes += 3 * command.currency.length + 3 * 40;
  if (command.type === 'place_order') bytes += 3 * command.productId.length + 3 * 40;
  if (command.type === 'cancel_all') bytes += 3 * (command.productId?.length ?? 0);
  return bytes;
}

/** Reads the payload `[start, end)` back into a record with sequence number `seq`; throws on a malformed payload. */
export function readRecordPayload(buffer: Buffer, start: number, end: number, seq: number): JournalRecord {
  const reader = READER.reset(buffer, start + 10, end);
  const tag = buffer[start];
  const flags = buffer[start + 1];
  const time = buffer.readDoubleLE(start + 2);
  let command: ExchangeCommand;
  switch (tag) {
    case TAG.put_product:
      command = { type: 'put_product', product: JSON.parse(reader.str16()) as ProductSpec };
      break;
    case TAG.deposit:
    case TAG.withdraw:
      command = { type: tag === TAG.deposit ? 'deposit' : 'withdraw', userId: reader.str8(), currency: reader.str8(), amount: reader.amount() };
      break;
    case TAG.cancel_order:
      command = { type: 'cancel_order', userId: reader.str8(), orderId: reader.f64() };
      break;
    case TAG.cancel_all:
      command = { type: 'cancel_all', userId: reader.str8() };
      if ((flags & PRODUCT) !== 0) command.productId = reader.str8();
      break;
    case TAG.place_order:
      command = readOrder(reader, flags);
      break;
    default:
      throw new Error(`unknown command tag ${tag}`);
  }
  if ((flags & REF) !== 0) command.ref = reader.str16();
  if (reader.offset !== end) throw new Error(`record payload has ${end - reader.offset} bytes left over`);
  return { seq, time, command };
}

function readOrder(reader: PayloadReader, flags: number): PlaceOrderCommand {
  const modes = reader.u8();
  const command: PlaceOrderCommand = {
    type: 'place_order',
    userId: reader.str8(),
    productId: reader.str8(),
    side: (flags & SELL) !== 0 ? 'sell' : 'buy',
    orderType: (flags & MARKET) !== 0 ? 'market' : 'limit',
  };
  if ((flags & PRICE) !== 0) command.price = reader.f64();
  if ((flags & SIZE) !== 0) command.size = reader.f64();
  if ((flags & FUNDS) !== 0) command.funds = reader.amount();
  const timeInForce = TIME_IN_FORCE[modes & 3];
  if (timeInForce !== undefined) command.timeInForce = timeInForce;
  if ((flags & POST_ONLY_SET) !== 0) command.postOnly = (flags & POST_ONLY) !== 0;
  const stp = STP[(modes >> 2) & 3];
  if (stp !== undefined) command.stp = stp;
  return command;
}

function orderFlags(command: PlaceOrderCommand): number {
  if (command.side !== 'buy' && command.side !== 'sell') fail(`side ${String(command.side)} cannot be journaled`);
  if (command.orderType !== 'limit' && command.orderType !== 'market') fail(`order type ${String(command.orderType)} cannot be journaled`);
  let flags = command.side === 'sell' ? SELL : 0;
  if (command.orderType === 'market') flags |= MARKET;
  if (command.price !== undefined) flags |= PRICE;
  if (command.size !== undefined) flags |= SIZE;
  if (command.funds !== undefined) flags |= FUNDS;
  if (command.postOnly !== undefined) flags |= POST_ONLY_SET | (command.postOnly ? POST_ONLY : 0);
  return flags;
}

function enumIndex<T>(values: readonly T[], value: T, field: string): number {
  const index = values.indexOf(value);
  return index >= 0 ? index : fail(`${field} ${String(value)} cannot be journaled`);
}

function str8(out: Buffer, offset: number, text: string): number {
  const length = out.write(text, offset + 1, 'utf8');
  if (length > 255 || Buffer.byteLength(text) !== length) fail(`"${text.slice(0, 40)}…" is too long for the journal`);
  out[offset] = length;
  return offset + 1 + length;
}

function str16(out: Buffer, offset: number, text: string): number {
  const length = out.write(text, offset + 2, 'utf8');
  if (length > 65_535 || Buffer.byteLength(text) !== length) fail('a text field is too long for the journal');
  out.writeUInt16LE(length, offset);
  return offset + 2 + length;
}

function amount(out: Buffer, offset: number, value: bigint): number {
  if (typeof value !== 'bigint') fail('an amount must be a bigint');
  if (value >= 0n && value < U64_LIMIT) {
    out[offset] = 0;
    return out.writeBigUInt64LE(value, offset + 1);
  }
  out[offset] = 1;
  return str16(out, offset + 1, value.toString());
}

function fail(message: string): never {
  throw new RangeError(message);
}

/** Bounds-checked reads over one payload. One reader serves every record, so decoding allocates only what the record itself holds. */
class PayloadReader {
  buffer: Buffer = Buffer.alloc(0);
  offset = 0;
  end = 0;
  private readonly strings = new StringCache();

  reset(buffer: Buffer, offset: number, end: number): this {
    this.buffer = buffer;
    this.offset = offset;
    this.end = end;
    return this;
  }

  u8(): number {
    this.need(1);
    return this.buffer[this.offset++];
  }

  f64(): number {
    this.need(8);
    const value = this.buffer.readDoubleLE(this.offset);
    this.offset += 8;
    return value;
  }

  /** Short strings (ids, currencies) repeat across records: they come from a cache instead of being decoded each time. */
  str8(): string {
    const length = this.u8();
    this.need(length);
    const start = this.offset;
    this.offset += length;
    return this.strings.get(this.buffer, start, this.offset);
  }

  str16(): string {
    this.need(2);
    const length = this.buffer.readUInt16LE(this.offset);
    this.offset += 2;
    this.need(length);
    const start = this.offset;
    this.offset += length;
    return this.buffer.toString('utf8', start, this.offset);
  }

  amount(): bigint {
    if (this.u8() === 1) return BigInt(this.str16());
    this.need(8);
    const value = this.buffer.readBigUInt64LE(this.offset);
    this.offset += 8;
    return value;
  }

  private need(bytes: number): void {
    if (this.offset + bytes > this.end) throw new Error('record payload ends early');
  }
}

const CACHE_SLOTS = 4096;

/** Strings by their bytes: a direct-mapped cache keyed by an FNV-1a hash, checked byte for byte on a hit. */
class StringCache {
  private readonly bytes: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(CACHE_SLOTS);
  private readonly texts: string[] = new Array<string>(CACHE_SLOTS).fill('');

  get(buffer: Buffer, start: number, end: number): string {
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ buffer[i], 0x01000193);
    const slot = (hash >>> 0) & (CACHE_SLOTS - 1);
    const cached = this.bytes[slot];
    if (cached !== undefined && cached.length === end - start) {
      let same = true;
      for (let i = 0; i < cached.length; i++) {
        if (cached[i] !== buffer[start + i]) {
          same = false;
          break;
        }
      }
      if (same) return this.texts[slot];
    }
    const text = buffer.toString('utf8', start, end);
    this.bytes[slot] = Uint8Array.prototype.slice.call(buffer, start, end);
    this.texts[slot] = text;
    return text;
  }
}

const READER = new PayloadReader();
