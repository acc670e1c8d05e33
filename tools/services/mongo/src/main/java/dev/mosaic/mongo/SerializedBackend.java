package dev.mosaic.mongo;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import java.time.Clock;
import java.util.Collection;
import java.util.List;

/**
 * Runs one request at a time. The server hands each connection to its own Netty worker,
 * but its backends are not safe under concurrent writers: an index build racing an
 * insert corrupts the collection ("Found no position for …", ConcurrentModificationException;
 * upstream issue bwaldvogel/mongo-java-server#195). Mongoose builds indexes in the
 * background while the application already writes, so every client hits that race.
 * A test server gains nothing from parallelism worth that, so requests are serialised.
 */
final class SerializedBackend implements MongoBackend {
  private final MongoBackend backend;

  SerializedBackend(MongoBackend backend) {
    this.backend = backend;
  }

  @Override
  public synchronized void handleClose(Channel channel) {
    backend.handleClose(channel);
  }

  @Override
  public synchronized Document handleCommand(Channel channel, String database, String command, Document query) {
    return backend.handleCommand(channel, database, command, query);
  }

  @Override
  public synchronized QueryResult handleQuery(MongoQuery query) {
    return backend.handleQuery(query);
  }

  @Override
  public synchronized Document handleMessage(MongoMessage message) {
    return backend.handleMessage(message);
  }

  @Override
  public synchronized void dropDatabase(String database) {
    backend.dropDatabase(database);
  }

  @Override
  public synchronized Collection<Document> getCurrentOperations(MongoQuery query) {
    return backend.getCurrentOperations(query);
  }

  @Override
  public synchronized Document getServerStatus() {
    return backend.getServerStatus();
  }

  @Override
  public synchronized void close() {
    backend.close();
  }

  @Override
  public synchronized void closeCursors(List<Long> cursorIds) {
    backend.closeCursors(cursorIds);
  }

  @Override
  public Clock getClock() {
    return backend.getClock();
  }

  @Override
  public synchronized void enableOplog() {
    backend.enableOplog();
  }

  @Override
  public synchronized void disableOplog() {
    backend.disableOplog();
  }

  @Override
  public synchronized MongoDatabase resolveDatabase(String database) {
    return backend.resolveDatabase(database);
  }

  @Override
  public synchronized MongoBackend version(MongoVersion version) {
    backend.version(version);
    return this;
  }
}
