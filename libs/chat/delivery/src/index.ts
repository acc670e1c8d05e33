export * from './http/chat-router';
export * from './http/presenters';
export * from './ws/chat-socket';
export { ACTIONS } from './ws/chat-frames';
export * from './page/chat-page-router';
