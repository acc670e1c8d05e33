import type { AppendResult, ChatMessage, MessageRepository, NewMessage, ReadCursorRepository } from '@mosaic/chat-domain';
import { isDuplicateKeyError } from '@mosaic/kit-db';
import { Schema, type Connection, type Model } from 'mongoose';
import { backendCall } from '../shared/backend-call';

interface MessageDocument {
  _id: string;
  conversation: string;
  seq: number;
  senderId: string;
  text: string;
  clientMessageId: string | null;
  /** The clientMessageId, or `#<id>` when there is none: unique per (conversation, sender). */
  dedupe: string;
  sentAt: Date;
}

interface CounterDocument {
  _id: string;
  seq: number;
}

interface CursorDocument {
  _id: string;
  userId: string;
  conversation: string;
  seq: number;
}

const messageSchema = new Schema<MessageDocument>(
  {
    _id: String,
    conversation: { type: String, required: true },
    seq: { type: Number, required: true },
    senderId: { type: String, required: true },
    text: { type: String, required: true },
    clientMessageId: { type: String, default: null },
    dedupe: { type: String, required: true },
    sentAt: { type: Date, required: true },
  },
  { versionKey: false, autoIndex: false },
);
messageSchema.index({ conversation: 1, seq: 1 }, { unique: true });
messageSchema.index({ conversation: 1, senderId: 1, dedupe: 1 }, { unique: true });

const counterSchema = new Schema<CounterDocument>({ _id: String, seq: { type: Number, required: true } }, { versionKey: false });
const cursorSchema = new Schema<CursorDocument>(
  { _id: String, userId: String, conversation: String, seq: { type: Number, required: true } },
  { versionKey: false },
);

function isSeqCollision(error: unknown): boolean {
  const { keyPattern, message } = error as { keyPattern?: Record<string, unknown>; message?: string };
  return keyPattern ? 'seq' in keyPattern : /conversation_1_seq_1/.test(message ?? '');
}

const toMessage = (doc: MessageDocument): ChatMessage => ({
  id: doc._id,
  conversation: doc.conversation,
  seq: doc.seq,
  senderId: doc.senderId,
  text: doc.text,
  clientMessageId: doc.clientMessageId ?? null,
  sentAt: new Date(doc.sentAt),
});

/**
 * Messages in MongoDB. A conversation's next sequence comes from a counters document
 * bumped with one atomic `$inc` (no transaction needed); a retried send is caught by
 * the unique (conversation, sender, clientMessageId) index and answered with the
 * first message. A sequence taken by a send that then lost that race stays unused.
 */
export class MongoMessageRepository implements MessageRepository {
  private constructor(
    private readonly messages: Model<MessageDocument>,
    private readonly counters: Model<CounterDocument>,
  ) {}

  static async open(connection: Connection): Promise<MongoMessageRepository> {
    const messages = connection.models['ChatMessage'] ?? connection.model<MessageDocument>('ChatMessage', messageSchema, 'chat_messages');
    const counters = connection.models['ChatCounter'] ?? connection.model<CounterDocument>('ChatCounter', counterSchema, 'chat_counters');
    await backendCall('message', () => messages.createIndexes());
    return new MongoMessageRepository(messages as Model<MessageDocument>, counters as Model<CounterDocument>);
  }

  append(draft: NewMessage): Promise<AppendResult> {
    return backendCall('message', async () => {
      const dedupe = draft.clientMessageId ?? `#${draft.id}`;
      if (draft.clientMessageId !== null) {
        const existing = await this.findByDedupe(draft.conversation, draft.senderId, dedupe);
        if (existing) return { message: existing, duplicate: true };
      }
      // The unique (conversation, seq) index is the arbiter: should two sends ever be
      // handed one sequence, the loser takes the next one.
      for (let attempt = 0; ; attempt += 1) {
        const seq = await this.nextSeq(draft.conversation);
        const message: ChatMessage = { ...draft, seq };
        try {
          await this.messages.create({
            _id: draft.id,
            conversation: draft.conversation,
            seq,
            senderId: draft.senderId,
            text: draft.text,
            clientMessageId: draft.clientMessageId,
            dedupe,
            sentAt: draft.sentAt,
          });
          return { message, duplicate: false };
        } catch (error) {
          if (!isDuplicateKeyError(error)) throw error;
          if (isSeqCollision(error) && attempt < 20) continue;
          const first = draft.clientMessageId === null ? null : await this.findByDedupe(draft.conversation, draft.senderId, dedupe);
          if (!first) throw error;
          return { message: first, duplicate: true };
        }
      }
    });
  }

  history(conversation: string, options: { beforeSeq?: number; limit: number }): Promise<ChatMessage[]> {
    return backendCall('message', async () => {
      const filter = options.beforeSeq === undefined ? { conversation } : { conversation, seq: { $lt: options.beforeSeq } };
      const docs = await this.messages.find(filter).sort({ seq: -1 }).limit(options.limit).lean<MessageDocument[]>();
      return docs.map(toMessage);
    });
  }

  after(conversation: string, afterSeq: number, limit: number): Promise<ChatMessage[]> {
    return backendCall('message', async () => {
      const docs = await this.messages
        .find({ conversation, seq: { $gt: afterSeq } })
        .sort({ seq: 1 })
        .limit(limit)
        .lean<MessageDocument[]>();
      return docs.map(toMessage);
    });
  }

  findById(conversation: string, id: string): Promise<ChatMessage | null> {
    return backendCall('message', async () => {
      const doc = await this.messages.findOne({ _id: id, conversation }).lean<MessageDocument>();
      return doc ? toMessage(doc) : null;
    });
  }

  countAfter(conversation: string, afterSeq: number, excludeSender: string): Promise<number> {
    return backendCall('message', () => this.messages.countDocuments({ conversation, seq: { $gt: afterSeq }, senderId: { $ne: excludeSender } }));
  }

  private async findByDedupe(conversation: string, senderId: string, dedupe: string): Promise<ChatMessage | null> {
    const doc = await this.messages.findOne({ conversation, senderId, dedupe }).lean<MessageDocument>();
    return doc ? toMessage(doc) : null;
  }

  private async nextSeq(conversation: string): Promise<number> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const counter = await this.counters.findOneAndUpdate({ _id: conversation }, { $inc: { seq: 1 } }, { upsert: true, new: true }).lean<CounterDocument>();
        if (!counter) throw new Error('the sequence counter was not returned');
        return counter.seq;
      } catch (error) {
        // Two first messages of a conversation may both try to create its counter.
        if (!isDuplicateKeyError(error) || attempt >= 3) throw error;
      }
    }
  }
}

/** Read cursors in MongoDB: one document per (user, conversation), moved with `$max`. */
export class MongoReadCursorRepository implements ReadCursorRepository {
  private constructor(private readonly cursorsModel: Model<CursorDocument>) {}

  static open(connection: Connection): MongoReadCursorRepository {
    const model = connection.models['ChatReadCursor'] ?? connection.model<CursorDocument>('ChatReadCursor', cursorSchema, 'chat_read_cursors');
    return new MongoReadCursorRepository(model as Model<CursorDocument>);
  }

  advance(userId: string, conversation: string, seq: number): Promise<number> {
    return backendCall('read cursor', async () => {
      const key = `${userId}|${conversation}`;
      for (let attempt = 0; ; attempt += 1) {
        try {
          const doc = await this.cursorsModel
            .findOneAndUpdate({ _id: key }, { $max: { seq }, $set: { userId, conversation } }, { upsert: true, new: true })
            .lean<CursorDocument>();
          return doc?.seq ?? seq;
        } catch (error) {
          if (!isDuplicateKeyError(error) || attempt >= 3) throw error;
        }
      }
    });
  }

  cursors(userId: string, conversations: readonly string[]): Promise<Map<string, number>> {
    return backendCall('read cursor', async () => {
      if (conversations.length === 0) return new Map<string, number>();
      const docs = await this.cursorsModel.find({ _id: { $in: conversations.map((c) => `${userId}|${c}`) } }).lean<CursorDocument[]>();
      return new Map(docs.map((doc) => [doc.conversation, doc.seq]));
    });
  }
}
