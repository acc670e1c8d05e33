import { invalid } from '@mosaic/kit-core';

/**
 * What a message carries. Bytes (Buffer or Uint8Array) travel as they are; any other
 * value travels as JSON. Money inside a value is a decimal string, never a bigint
 * (JSON has none) or a float.
 */
export type MessageValue = Buffer | Uint8Array | string | number | boolean | null | object;

export type MessageHeaders = Readonly<Record<string, string>>;

export interface OutgoingMessage {
  /** Messages with the same key go to the same partition, so a group sees them in order. */
  readonly key?: string | null;
  readonly value: MessageValue;
  readonly headers?: Record<string, string>;
}

export interface ReceivedMessage {
  readonly topic: string;
  readonly partition: number;
  /** Position in the partition, as a decimal string (Kafka offsets are 64-bit). */
  readonly offset: string;
  readonly key: string | null;
  readonly value: Buffer;
  readonly headers: MessageHeaders;
  /** When the message was produced, in epoch milliseconds. */
  readonly timestamp: number;
  /** The value parsed as JSON; throws an `invalid` AppError when it is not JSON. */
  json<T = unknown>(): T;
  text(): string;
}

export const CONTENT_TYPE_HEADER = 'content-type';
const JSON_CONTENT_TYPE = 'application/json';
const BYTES_CONTENT_TYPE = 'application/octet-stream';

/** A message as both backends store and send it: bytes plus string headers. */
export interface EncodedMessage {
  readonly key: string | null;
  readonly value: Buffer;
  readonly headers: Readonly<Record<string, string>>;
}

export function encodeMessage(topic: string, message: OutgoingMessage): EncodedMessage {
  if (message === null || typeof message !== 'object') {
    throw invalid('mq_invalid_message', `a message for ${topic} must be an object with a value`);
  }
  const { key = null, value, headers = {} } = message;
  if (key !== null && typeof key !== 'string') {
    throw invalid('mq_invalid_key', `message key for ${topic} must be a string or null`);
  }
  const contentHeaders: Record<string, string> = {};
  for (const [name, headerValue] of Object.entries(headers)) {
    if (typeof headerValue !== 'string') {
      throw invalid('mq_invalid_header', `header "${name}" for ${topic} must be a string`);
    }
    contentHeaders[name] = headerValue;
  }
  const bytes = value instanceof Uint8Array;
  contentHeaders[CONTENT_TYPE_HEADER] ??= bytes ? BYTES_CONTENT_TYPE : JSON_CONTENT_TYPE;
  return { key, value: bytes ? Buffer.from(value) : encodeJson(topic, value), headers: contentHeaders };
}

function encodeJson(topic: string, value: unknown): Buffer {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (cause) {
    // bigint and circular structures end up here.
    throw invalid('mq_unserialisable_value', `message value for ${topic} cannot be written as JSON`, { cause });
  }
  if (text === undefined) {
    throw invalid('mq_unserialisable_value', `message value for ${topic} cannot be written as JSON`);
  }
  return Buffer.from(text, 'utf8');
}

export type ReceivedFields = Omit<ReceivedMessage, 'json' | 'text'>;

export function receivedMessage(fields: ReceivedFields): ReceivedMessage {
  return new Received(fields);
}

// A class, not an object literal with closures: consumers create one per message.
class Received implements ReceivedMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: Buffer;
  readonly headers: MessageHeaders;
  readonly timestamp: number;

  constructor(fields: ReceivedFields) {
    this.topic = fields.topic;
    this.partition = fields.partition;
    this.offset = fields.offset;
    this.key = fields.key;
    this.value = fields.value;
    this.headers = fields.headers;
    this.timestamp = fields.timestamp;
  }

  json<T = unknown>(): T {
    try {
      return JSON.parse(this.value.toString('utf8')) as T;
    } catch (cause) {
      throw invalid('mq_invalid_json', `message ${this.topic}/${this.partition}@${this.offset} is not JSON`, { cause });
    }
  }

  text(): string {
    return this.value.toString('utf8');
  }
}

// Kafka's own limits on names: legal characters, at most 249 of them, never "." or "..".
const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

export function assertTopicName(topic: unknown): asserts topic is string {
  if (typeof topic !== 'string' || !TOPIC_NAME.test(topic) || topic === '.' || topic === '..') {
    throw invalid('mq_invalid_topic', `invalid topic name ${JSON.stringify(topic)}: use 1-249 of [a-zA-Z0-9._-]`);
  }
}
