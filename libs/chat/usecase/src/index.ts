export * from './chat-use-cases';
export type { ChatDeps } from './shared/chat-deps';
export { MAX_PAGE } from './shared/chat-deps';
export type { FriendListView, FriendView } from './list-friends/list-friends';
export type { HistoryPage } from './get-history/get-history';
export type { SentMessage } from './send-message/send-message';
export type { UnreadCount } from './unread-counts/unread-counts';
