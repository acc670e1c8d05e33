import type {
  CancelAllCommand,
  CancelOrderCommand,
  DepositCommand,
  ExchangeCommand,
  JournalRecord,
  PlaceOrderCommand,
  ProductSpec,
  PutProductCommand,
  WithdrawCommand,
} from '@mosaic/exchange-domain';

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
  return copyRecord(DECODER.decode(buffer, start, end, seq));
}

/**
 * Reads the payload `[start, end)` into a record that is overwritten by the next
 * call: replay hands it to the engine and keeps nothing, so it allocates nothing
 * per record (one object per command type, with every field always present, so
 * the engine also sees one shape per type). Throws on a malformed payload.
 */
export function readTransientRecord(buffer: Buffer, start: number, end: number, seq: number): JournalRecord {
  return DECODER.decode(buffer, start, end, seq);
}

/** A record of its own, with only the fields the command has (built field by field: `read` feeds projections, where this is hot too). */
function copyRecord(transient: JournalRecord): JournalRecord {
  const from = transient.command;
  let command: ExchangeCommand;
  switch (from.type) {
    case 'place_order': {
      const order: PlaceOrderCommand = { type: 'place_order', userId: from.userId, productId: from.productId, side: from.side, orderType: from.orderType };
      if (from.price !== undefined) order.price = from.price;
      if (from.size !== undefined) order.size = from.size;
      if (from.funds !== undefined) order.funds = from.funds;
      if (from.timeInForce !== undefined) order.timeInForce = from.timeInForce;
      if (from.postOnly !== undefined) order.postOnly = from.postOnly;
      if (from.stp !== undefined) order.stp = from.stp;
      command = order;
      break;
    }
    case 'cancel_order':
      command = { type: 'cancel_order', userId: from.userId, orderId: from.orderId };
      break;
    case 'deposit':
    case 'withdraw':
      command = { type: from.type, userId: from.userId, currency: from.currency, amount: from.amount };
      break;
    case 'cancel_all':
      command =
        from.productId === undefined ? { type: 'cancel_all', userId: from.userId } : { type: 'cancel_all', userId: from.userId, productId: from.productId };
      break;
    case 'put_product':
      command = { type: 'put_product', product: from.product };
      break;
  }
  if (from.ref !== undefined) command.ref = from.ref;
  return { seq: transient.seq, time: transient.time, command };
}

interface Transient<C extends ExchangeCommand> {
  seq: number;
  time: number;
  command: Required<Omit<C, 'type'>> extends infer F ? { type: C['type'] } & { -readonly [K in keyof F]: F[K] | undefined } : never;
}

/** The reusable records, one per command type, and the reader they are decoded with. */
class RecordDecoder {
  private readonly reader = new PayloadReader();
  private readonly putProduct: Transient<PutProductCommand> = { seq: 0, time: 0, command: { type: 'put_product', product: undefined, ref: undefined } };
  private readonly deposit: Transient<DepositCommand> = {
    seq: 0,
    time: 0,
    command: { type: 'deposit', userId: undefined, currency: undefined, amount: undefined, ref: undefined },
  };
  private readonly withdraw: Transient<WithdrawCommand> = {
    seq: 0,
    time: 0,
    command: { type: 'withdraw', userId: undefined, currency: undefined, amount: undefined, ref: undefined },
  };
  private readonly cancelOrder: Transient<CancelOrderCommand> = {
    seq: 0,
    time: 0,
    command: { type: 'cancel_order', userId: undefined, orderId: undefined, ref: undefined },
  };
  private readonly cancelAll: Transient<CancelAllCommand> = {
    seq: 0,
    time: 0,
    command: { type: 'cancel_all', userId: undefined, productId: undefined, ref: undefined },
  };
  private readonly placeOrder: Transient<PlaceOrderCommand> = {
    seq: 0,
    time: 0,
    command: {
      type: 'place_order',
      userId: undefined,
      productId: undefined,
      side: undefined,
      orderType: undefined,
      price: undefined,
      size: undefined,
      funds: undefined,
      timeInForce: undefined,
      postOnly: undefined,
      stp: undefined,
      ref: undefined,
    },
  };

  decode(buffer: Buffer, start: number, end: number, seq: number): JournalRecord {
    const reader = this.reader.reset(buffer, start, end);
    const tag = reader.u8();
    const flags = reader.u8();
    const time = reader.f64();
    let record: Transient<ExchangeCommand>;
    switch (tag) {
      case TAG.place_order:
        record = this.readOrder(reader, flags);
        break;
      case TAG.cancel_order: {
        record = this.cancelOrder;
        const command = this.cancelOrder.command;
        command.userId = reader.str8();
        command.orderId = reader.f64();
        break;
      }
      case TAG.deposit:
      case TAG.withdraw: {
        record = tag === TAG.deposit ? this.deposit : this.withdraw;
        const command = (tag === TAG.deposit ? this.deposit : this.withdraw).command;
        command.userId = reader.str8();
        command.currency = reader.str8();
        command.amount = reader.amount();
        break;
      }
      case TAG.cancel_all: {
        record = this.cancelAll;
        const command = this.cancelAll.command;
        command.userId = reader.str8();
        command.productId = (flags & PRODUCT) !== 0 ? reader.str8() : undefined;
        break;
      }
      case TAG.put_product:
        record = this.putProduct;
        this.putProduct.command.product = JSON.parse(reader.str16()) as ProductSpec;
        break;
      default:
        throw new Error(`unknown command tag ${tag}`);
    }
    record.command.ref = (flags & REF) !== 0 ? reader.str16() : undefined;
    if (reader.offset !== end) throw new Error(`record payload has ${end - reader.offset} bytes left over`);
    record.seq = seq;
    record.time = time;
    return record as JournalRecord;
  }

  private readOrder(reader: PayloadReader, flags: number): Transient<PlaceOrderCommand> {
    const record = this.placeOrder;
    const command = record.command;
    const modes = reader.u8();
    command.userId = reader.str8();
    command.productId = reader.str8();
    command.side = (flags & SELL) !== 0 ? 'sell' : 'buy';
    command.orderType = (flags & MARKET) !== 0 ? 'market' : 'limit';
    command.price = (flags & PRICE) !== 0 ? reader.f64() : undefined;
    command.size = (flags & SIZE) !== 0 ? reader.f64() : undefined;
    command.funds = (flags & FUNDS) !== 0 ? reader.amount() : undefined;
    command.timeInForce = TIME_IN_FORCE[modes & 3];
    command.postOnly = (flags & POST_ONLY_SET) !== 0 ? (flags & POST_ONLY) !== 0 : undefined;
    command.stp = STP[(modes >> 2) & 3];
    return record;
  }
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

const CACHE_WAYS = 2;
const CACHE_SETS = 8192;

/**
 * Strings by their bytes: a two-way set-associative cache keyed by an FNV-1a
 * hash, checked byte for byte on a hit (against the string itself when it is
 * ASCII, as ids and currency codes are, else against a copy of its bytes). Two
 * ways, so a few thousand ids that collide in pairs do not evict each other.
 */
class StringCache {
  private readonly texts: string[] = new Array<string>(CACHE_SETS * CACHE_WAYS).fill('');
  /** The UTF-8 bytes of a non-ASCII entry; undefined for ASCII, compared through the string. */
  private readonly bytes: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(CACHE_SETS * CACHE_WAYS).fill(undefined);
  /** Which way of each set to replace next. */
  private readonly victims = new Uint8Array(CACHE_SETS);

  get(buffer: Buffer, start: number, end: number): string {
    let hash = 0x811c9dc5;
    let ascii = true;
    for (let i = start; i < end; i++) {
      const byte = buffer[i];
      if (byte >= 0x80) ascii = false;
      hash = Math.imul(hash ^ byte, 0x01000193);
    }
    const set = (hash >>> 0) & (CACHE_SETS - 1);
    const first = set * CACHE_WAYS;
    for (let slot = first; slot < first + CACHE_WAYS; slot++) if (this.holds(slot, buffer, start, end, ascii)) return this.texts[slot];
    const text = buffer.toString(ascii ? 'latin1' : 'utf8', start, end);
    const slot = first + this.victims[set];
    this.victims[set] = (this.victims[set] + 1) % CACHE_WAYS;
    this.texts[slot] = text;
    this.bytes[slot] = ascii ? undefined : Uint8Array.prototype.slice.call(buffer, start, end);
    return text;
  }

  private holds(slot: number, buffer: Buffer, start: number, end: number, ascii: boolean): boolean {
    const length = end - start;
    if (ascii) {
      const text = this.texts[slot];
      if (this.bytes[slot] !== undefined || text.length !== length) return false;
      for (let i = 0; i < length; i++) if (text.charCodeAt(i) !== buffer[start + i]) return false;
      return true;
    }
    const cached = this.bytes[slot];
    if (cached === undefined || cached.length !== length) return false;
    for (let i = 0; i < length; i++) if (cached[i] !== buffer[start + i]) return false;
    return true;
  }
}

const DECODER = new RecordDecoder();
