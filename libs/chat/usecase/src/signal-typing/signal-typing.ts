import type { ChatDeps } from '../shared/chat-deps';
import { writableConversation } from '../shared/conversation-access';

/** Tells the others in a conversation the user is typing; nothing is stored. */
export class SignalTyping {
  constructor(private readonly deps: Pick<ChatDeps, 'friends' | 'channels' | 'bus'>) {}

  async execute(command: { userId: string; conversation: string }): Promise<void> {
    const { recipients } = await writableConversation(this.deps, command.userId, command.conversation);
    const others = recipients.filter((user) => user !== command.userId);
    if (others.length > 0)
      await this.deps.bus.publish(command.conversation, { kind: 'typing', recipients: others, conversation: command.conversation, userId: command.userId });
  }
}
