import type { ChatMessage } from '../message/chat-message';

/** What instances tell each other; each event names the users it is for. */
export type ChatBusEvent =
  | { readonly kind: 'message'; readonly recipients: readonly string[]; readonly message: ChatMessage }
  | { readonly kind: 'presence'; readonly recipients: readonly string[]; readonly userId: string; readonly online: boolean }
  | { readonly kind: 'typing'; readonly recipients: readonly string[]; readonly conversation: string; readonly userId: string }
  | { readonly kind: 'read'; readonly recipients: readonly string[]; readonly conversation: string; readonly seq: number; readonly userId: string }
  | { readonly kind: 'notice'; readonly recipients: readonly string[]; readonly notice: string; readonly data: Readonly<Record<string, string | null>> };

export interface ChatBusSubscription {
  close(): Promise<void>;
}

/**
 * Fan-out between server instances: every subscriber on every instance sees every
 * event published after it subscribed, and events of one conversation (same `key`)
 * in the order they were published. Delivery may repeat; receivers drop repeats.
 */
export interface ChatBus {
  publish(key: string, event: ChatBusEvent): Promise<void>;
  subscribe(handler: (event: ChatBusEvent) => void): Promise<ChatBusSubscription>;
}
