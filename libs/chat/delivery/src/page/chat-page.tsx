/// <reference lib="dom" />
import { api, describeError, onAsync, session, signInHref, startPage, toast, type User } from '@mosaic/kit-ui/client';
import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ChatConnection, newClientMessageId, type ConnectionState, type ServerFrame, type WireMessage } from './chat-connection';
import './chat-page.css';

interface Friends {
  friends: { userId: string; conversation: string; online: boolean }[];
  outgoing: string[];
  incoming: string[];
}
interface ChannelSummary {
  id: string;
  name: string;
  conversation: string;
  memberCount: number;
}
interface Conversation {
  conversation: string;
  title: string;
  send: Record<string, string>;
}
interface Thread {
  messages: WireMessage[];
  nextBefore: string | null;
  loaded: boolean;
}
interface Outgoing {
  clientMessageId: string;
  conversation: string;
  text: string;
}

const PAGE = 30;

/** Keeps a thread sorted by sequence with each message once, however it arrived. */
function merge(existing: WireMessage[], incoming: WireMessage[]): WireMessage[] {
  const byId = new Map(existing.map((m) => [m.id, m]));
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

function ChatApp({ me }: { me: User }) {
  const [friends, setFriends] = useState<Friends>({ friends: [], outgoing: [], incoming: [] });
  const [channels, setChannels] = useState<ChannelSummary[]>([]);
  const [unread, setUnread] = useState<Record<string, number>>({});
  const [presence, setPresence] = useState<Record<string, boolean>>({});
  const [threads, setThreads] = useState<Record<string, Thread>>({});
  const [outgoing, setOutgoing] = useState<Outgoing[]>([]);
  const [typing, setTyping] = useState<Record<string, { userId: string; until: number }>>({});
  const [active, setActive] = useState<Conversation | null>(null);
  const [state, setState] = useState<ConnectionState>('connecting');
  const activeRef = useRef<Conversation | null>(null);
  activeRef.current = active;
  const listRef = useRef<HTMLOListElement>(null);
  const lastTyping = useRef(0);

  const refreshLists = async () => {
    const [f, c, u] = await Promise.all([
      api<Friends>('/api/v1/chat/friends'),
      api<{ channels: ChannelSummary[] }>('/api/v1/chat/channels'),
      api<{ conversations: { conversation: string; unread: number }[] }>('/api/v1/chat/unread'),
    ]);
    setFriends(f);
    setChannels(c.channels);
    setPresence((old) => ({ ...old, ...Object.fromEntries(f.friends.map((x) => [x.userId, x.online])) }));
    setUnread((old) => {
      const next = { ...old, ...Object.fromEntries(u.conversations.map((x) => [x.conversation, x.unread])) };
      if (activeRef.current) next[activeRef.current.conversation] = 0;
      return next;
    });
  };

  const connection = useMemo(
    () =>
      new ChatConnection({
        state: (next) => {
          setState(next);
          if (next === 'online') void refreshLists().catch(() => undefined);
        },
        beforeReconnect: async (code) => {
          if (code === 4001 || code === 1006) await session.refresh();
        },
        frame: (frame) => onFrame(frame),
      }),
    [],
  );

  const markRead = (conversation: string, messages: WireMessage[]) => {
    const last = [...messages].reverse().find((m) => m.senderId !== me.id);
    if (last) connection.send({ action: 'read', conversation, messageId: last.id });
    setUnread((old) => ({ ...old, [conversation]: 0 }));
  };

  function onFrame(frame: ServerFrame) {
    switch (frame.type) {
      case 'message':
      case 'ack': {
        const { type: _type, ...message } = frame as WireMessage & { type: string; duplicate?: boolean };
        const clean: WireMessage = {
          id: message.id,
          conversation: message.conversation,
          seq: message.seq,
          senderId: message.senderId,
          text: message.text,
          clientMessageId: message.clientMessageId,
          sentAt: message.sentAt,
        };
        setThreads((old) => {
          const thread = old[clean.conversation] ?? { messages: [], nextBefore: null, loaded: false };
          return { ...old, [clean.conversation]: { ...thread, messages: merge(thread.messages, [clean]) } };
        });
        if (clean.clientMessageId) setOutgoing((old) => old.filter((o) => o.clientMessageId !== clean.clientMessageId));
        if (frame.type === 'message' && clean.senderId !== me.id) {
          if (activeRef.current?.conversation === clean.conversation && document.visibilityState !== 'hidden') markRead(clean.conversation, [clean]);
          else setUnread((old) => ({ ...old, [clean.conversation]: (old[clean.conversation] ?? 0) + 1 }));
          setTyping((old) => ({ ...old, [clean.conversation]: { userId: '', until: 0 } }));
        }
        return;
      }
      case 'presence':
        setPresence((old) => ({ ...old, [frame.userId]: frame.online }));
        return;
      case 'typing':
        setTyping((old) => ({ ...old, [frame.conversation]: { userId: frame.userId, until: Date.now() + 3_000 } }));
        setTimeout(() => setTyping((old) => ({ ...old })), 3_100);
        return;
      case 'read':
        setUnread((old) => ({ ...old, [frame.conversation]: 0 }));
        return;
      case 'notice':
        void refreshLists().catch(() => undefined);
        return;
      case 'error':
        if (frame.clientMessageId) setOutgoing((old) => old.filter((o) => o.clientMessageId !== frame.clientMessageId));
        toast(frame.message, 'bad');
        return;
      default:
        return;
    }
  }

  useEffect(() => {
    void refreshLists().catch((error: unknown) => toast(describeError(error), 'bad'));
    connection.start();
    return () => connection.stop();
  }, []);

  const loadOlder = async (conversation: string) => {
    const thread = threads[conversation];
    if (thread?.loaded && !thread.nextBefore) return;
    const before = thread?.loaded ? `&before=${thread.nextBefore}` : '';
    const page = await api<{ messages: WireMessage[]; nextBefore: string | null }>(
      `/api/v1/chat/conversations/${encodeURIComponent(conversation)}/messages?limit=${PAGE}${before}`,
    );
    const top = page.messages[0];
    if (top) connection.track(conversation, top.seq);
    const list = listRef.current;
    const fromBottom = list ? list.scrollHeight - list.scrollTop : 0;
    setThreads((old) => {
      const current = old[conversation] ?? { messages: [], nextBefore: null, loaded: false };
      return { ...old, [conversation]: { messages: merge(current.messages, page.messages), nextBefore: page.nextBefore, loaded: true } };
    });
    requestAnimationFrame(() => {
      if (list) list.scrollTop = thread?.loaded ? list.scrollHeight - fromBottom : list.scrollHeight;
    });
    return page.messages;
  };

  const open = async (conversation: Conversation) => {
    setActive(conversation);
    try {
      const known = threads[conversation.conversation];
      const loaded = known?.loaded ? known.messages : await loadOlder(conversation.conversation);
      markRead(conversation.conversation, loaded ?? []);
    } catch (error) {
      toast(describeError(error), 'bad');
    }
  };

  useEffect(() => {
    const list = listRef.current;
    if (list && list.scrollHeight - list.scrollTop - list.clientHeight < 120) list.scrollTop = list.scrollHeight;
  }, [threads, outgoing, active]);

  const submit = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const input = form.elements.namedItem('message') as HTMLInputElement;
    const text = input.value;
    if (!active || !text.trim()) return;
    const clientMessageId = newClientMessageId();
    setOutgoing((old) => [...old, { clientMessageId, conversation: active.conversation, text }]);
    connection.sendMessage({ ...active.send, message: text }, clientMessageId);
    input.value = '';
  };

  const onInput = () => {
    if (!active || Date.now() - lastTyping.current < 2_000) return;
    lastTyping.current = Date.now();
    connection.send({ action: 'typing', conversation: active.conversation });
  };

  const act = (work: () => Promise<unknown>) =>
    onAsync(async (event: Event) => {
      event.preventDefault();
      // A form's submit or a button's click: only a form has fields to clear.
      const form = event.currentTarget;
      try {
        await work();
        if (form instanceof HTMLFormElement) form.reset();
        await refreshLists();
      } catch (error) {
        toast(describeError(error), 'bad');
      }
    });
  const field = (event: Event, name: string) => ((event.currentTarget as HTMLFormElement).elements.namedItem(name) as HTMLInputElement).value.trim();

  const thread = active ? threads[active.conversation] : undefined;
  const typist = active ? typing[active.conversation] : undefined;
  const badge = (conversation: string) => (unread[conversation] ? <span class="badge unread">{unread[conversation]}</span> : null);

  return (
    <div class={`chat ${active ? 'has-active' : ''}`}>
      <aside class="chat-lists card">
        <p class="muted small">
          Your id: <code id="my-id">{me.id}</code> · <span class={`conn ${state}`}>{state}</span>
        </p>
        <h2>Friends</h2>
        <ul class="chat-list" id="friends">
          {friends.friends.map((f) => (
            <li key={f.userId}>
              <button
                type="button"
                class={`link ${active?.conversation === f.conversation ? 'current' : ''}`}
                data-conversation={f.conversation}
                onClick={() =>
                  void open({ conversation: f.conversation, title: `Friend ${f.userId}`, send: { action: 'send_message_to_friend', friend_id: f.userId } })
                }
              >
                <span class={`dot ${presence[f.userId] ? 'online' : 'offline'}`} title={presence[f.userId] ? 'online' : 'offline'} data-user={f.userId} />
                {f.userId}
                {badge(f.conversation)}
              </button>
            </li>
          ))}
          {friends.incoming.map((id) => (
            <li key={`in-${id}`} class="pending">
              {id} asks to be friends{' '}
              <button type="button" class="small" onClick={act(() => api('/api/v1/chat/friends', { body: { friendId: id } }))}>
                Accept
              </button>
            </li>
          ))}
          {friends.outgoing.map((id) => (
            <li key={`out-${id}`} class="pending muted">
              {id} (asked)
            </li>
          ))}
        </ul>
        <form class="inline" id="ask-friend" onSubmit={(e) => act(() => api('/api/v1/chat/friends', { body: { friendId: field(e, 'friendId') } }))(e)}>
          <input name="friendId" placeholder="Friend's id" aria-label="Friend's id" required />
          <button type="submit">Ask</button>
        </form>
        <h2>Channels</h2>
        <ul class="chat-list" id="channels">
          {channels.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                class={`link ${active?.conversation === c.conversation ? 'current' : ''}`}
                data-conversation={c.conversation}
                onClick={() => void open({ conversation: c.conversation, title: `# ${c.name}`, send: { action: 'send_message_to_channel', channel_id: c.id } })}
              >
                # {c.name} <span class="muted small">({c.memberCount})</span>
                {badge(c.conversation)}
              </button>
            </li>
          ))}
        </ul>
        <form class="inline" id="create-channel" onSubmit={(e) => act(() => api('/api/v1/chat/channels', { body: { name: field(e, 'name') } }))(e)}>
          <input name="name" placeholder="New channel" aria-label="New channel name" required />
          <button type="submit">Create</button>
        </form>
        <form
          class="inline"
          id="join-channel"
          onSubmit={(e) => act(() => api(`/api/v1/chat/channels/${encodeURIComponent(field(e, 'channelId'))}/join`, { method: 'POST' }))(e)}
        >
          <input name="channelId" placeholder="Channel id" aria-label="Channel id to join" required />
          <button type="submit">Join</button>
        </form>
      </aside>
      <section class="chat-view card" aria-live="polite">
        {active ? (
          <>
            <header class="chat-head">
              <button type="button" class="secondary small back" onClick={() => setActive(null)}>
                ← Back
              </button>
              <h2>{active.title}</h2>
            </header>
            <ol
              class="messages"
              id="messages"
              ref={listRef}
              onScroll={(e) => (e.currentTarget as HTMLElement).scrollTop < 40 && thread?.nextBefore && void loadOlder(active.conversation)}
            >
              {thread?.nextBefore ? (
                <li class="older">
                  <button type="button" class="secondary small" onClick={() => void loadOlder(active.conversation)}>
                    Load older
                  </button>
                </li>
              ) : null}
              {(thread?.messages ?? []).map((m) => (
                <li key={m.id} class={`msg ${m.senderId === me.id ? 'mine' : ''}`} data-seq={m.seq}>
                  <span class="who muted small">{m.senderId === me.id ? 'You' : m.senderId}</span>
                  <span class="text">{m.text}</span>
                </li>
              ))}
              {outgoing
                .filter((o) => o.conversation === active.conversation)
                .map((o) => (
                  <li key={o.clientMessageId} class="msg mine sending">
                    <span class="who muted small">You · sending…</span>
                    <span class="text">{o.text}</span>
                  </li>
                ))}
            </ol>
            <p class="typing muted small" id="typing">
              {typist && typist.until > Date.now() && typist.userId !== me.id ? `${typist.userId} is typing…` : ' '}
            </p>
            <form class="send" id="send" onSubmit={submit}>
              <input name="message" autocomplete="off" maxLength={4096} placeholder="Message" aria-label="Message" onInput={onInput} />
              <button type="submit">Send</button>
            </form>
          </>
        ) : (
          <p class="muted">Pick a friend or a channel.</p>
        )}
      </section>
    </div>
  );
}

function Root() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  useEffect(() => session.subscribe(setUser), []);
  if (user === undefined) return <p class="muted">Loading…</p>;
  if (user === null) {
    return (
      <section class="card narrow">
        <h1>Chat</h1>
        <p>Sign in to talk with your friends.</p>
        <a class="button" id="sign-in" href={signInHref() ?? '/signin'}>
          Sign in
        </a>
      </section>
    );
  }
  return <ChatApp key={user.id} me={user} />;
}

startPage();
const root = document.getElementById('chat-root');
if (root) render(<Root />, root);
