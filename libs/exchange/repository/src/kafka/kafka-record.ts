import type { JournalRecord } from '@mosaic/exchange-domain';
import { maxPayloadBytes, readRecordPayload, writeRecordPayload } from '../file/binary-record';

/**
 * One journal record as a Kafka message value: u8 layout (1), f64 LE sequence
 * number, then the file journal's binary payload. The sequence travels in the
 * record (not the Kafka offset): transaction markers and aborted writes of a fenced
 * leader take offsets too, so offsets have holes that sequence numbers must not.
 * Kafka checks each batch with its own CRC, so there is none here.
 */
const LAYOUT = 1;
const HEADER = 9;

export function encodeKafkaRecord(record: JournalRecord): Buffer {
  const out = Buffer.allocUnsafe(HEADER + maxPayloadBytes(record));
  out[0] = LAYOUT;
  out.writeDoubleLE(record.seq, 1);
  const end = writeRecordPayload(record, out, HEADER);
  return out.subarray(0, end);
}

export function decodeKafkaRecord(value: Buffer): JournalRecord {
  if (value.length < HEADER || value[0] !== LAYOUT) throw new Error(`not a journal record (layout ${value[0]}, ${value.length} bytes)`);
  const seq = value.readDoubleLE(1);
  if (!Number.isSafeInteger(seq) || seq < 1) throw new Error(`journal record with sequence ${seq}`);
  return readRecordPayload(value, HEADER, value.length, seq);
}
