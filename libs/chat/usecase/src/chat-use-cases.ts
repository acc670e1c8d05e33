import { AskFriend } from './ask-friend/ask-friend';
import { CatchUpConversation } from './catch-up-conversation/catch-up-conversation';
import { ConnectUser } from './connect-user/connect-user';
import { CreateChannel } from './create-channel/create-channel';
import { DisconnectUser } from './disconnect-user/disconnect-user';
import { GetHistory } from './get-history/get-history';
import { JoinChannel } from './join-channel/join-channel';
import { KeepPresence } from './keep-presence/keep-presence';
import { LeaveChannel } from './leave-channel/leave-channel';
import { ListChannels } from './list-channels/list-channels';
import { ListFriends } from './list-friends/list-friends';
import { ListMembers } from './list-members/list-members';
import { MarkRead } from './mark-read/mark-read';
import { RemoveFriend } from './remove-friend/remove-friend';
import { ResumeConversation } from './resume-conversation/resume-conversation';
import { SendMessage } from './send-message/send-message';
import type { ChatDeps } from './shared/chat-deps';
import type { PresenceSettings } from './shared/presence-notices';
import { SignalTyping } from './signal-typing/signal-typing';
import { UnreadCounts } from './unread-counts/unread-counts';

export type ChatUseCaseOptions = ChatDeps & Partial<PresenceSettings>;
export type ChatUseCases = ReturnType<typeof createChatUseCases>;

/** Every chat use case over one set of ports: what modules build and deliveries call. */
export function createChatUseCases(options: ChatUseCaseOptions) {
  const withPresence = { ...options, ttlMs: options.ttlMs ?? 30_000 };
  return {
    askFriend: new AskFriend(options),
    removeFriend: new RemoveFriend(options),
    listFriends: new ListFriends(options),
    createChannel: new CreateChannel(options),
    joinChannel: new JoinChannel(options),
    leaveChannel: new LeaveChannel(options),
    listChannels: new ListChannels(options),
    listMembers: new ListMembers(options),
    sendMessage: new SendMessage(options),
    getHistory: new GetHistory(options),
    resumeConversation: new ResumeConversation(options),
    catchUpConversation: new CatchUpConversation(options),
    markRead: new MarkRead(options),
    unreadCounts: new UnreadCounts(options),
    signalTyping: new SignalTyping(options),
    connectUser: new ConnectUser(withPresence),
    disconnectUser: new DisconnectUser(options),
    keepPresence: new KeepPresence(withPresence),
  };
}
