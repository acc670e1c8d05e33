import { logLevel, type LogEntry, type logCreator } from 'kafkajs';
import type { MqLogger } from '../lib/logger';

/** kafkajs only builds entries at or above this level; its INFO chatter never exists. */
export const KAFKAJS_LOG_LEVEL = logLevel.WARN;

/**
 * Entries kafkajs raises in normal operation, kept at info so they never page anyone:
 * - every error response from the broker is logged by the connection before it is
 *   thrown to kafkajs's own retry and rejoin logic, which surfaces real failures;
 * - a member joining or leaving makes the others rejoin.
 */
function isRoutine({ namespace, log }: LogEntry): boolean {
  return (namespace === 'Connection' && log.message.startsWith('Response ')) || log.message.startsWith('The group is rebalancing, re-joining');
}

/** Routes kafkajs's log entries into the app's logger instead of its own console output. */
export function kafkajsLogCreator(logger: MqLogger): logCreator {
  return () => (entry) => {
    const { message, timestamp: _timestamp, logger: _name, ...fields } = entry.log;
    const tagged = { ...fields, kafkajs: entry.namespace };
    if (isRoutine(entry)) logger.info(tagged, message);
    else if (entry.level === logLevel.ERROR) logger.error(tagged, message);
    else logger.warn(tagged, message);
  };
}
