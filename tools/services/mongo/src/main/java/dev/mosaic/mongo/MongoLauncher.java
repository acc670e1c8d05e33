package dev.mosaic.mongo;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.concurrent.CountDownLatch;

/**
 * Serves the MongoDB wire protocol for Mosaic's test runs.
 *
 * <p>Usage: {@code MongoLauncher [host] [port] [h2-file]}. Without an H2 file the data lives in
 * memory and vanishes with the process, which is what test suites want; with one, it survives
 * restarts. The server announces MongoDB 5.0 (wire version 8) because the Node driver bundled
 * with mongoose 8 refuses anything older than wire version 8.
 */
public final class MongoLauncher {
  private MongoLauncher() {}

  public static void main(String[] args) throws InterruptedException {
    String host = args.length > 0 ? args[0] : "127.0.0.1";
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 27017;
    String h2File = args.length > 2 && !args[2].isBlank() ? args[2] : null;

    MongoBackend storage = h2File == null ? new MemoryBackend() : new H2Backend(h2File);
    MongoBackend backend = new SerializedBackend(storage).version(ServerVersion.MONGO_5_0);
    MongoServer server = new MongoServer(backend);

    CountDownLatch stopped = new CountDownLatch(1);
    // SIGTERM from `services.sh down`: stop accepting, then close the backend so an H2 file is
    // flushed consistently before the JVM exits.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.shutdown();
                  stopped.countDown();
                },
                "mongo-shutdown"));

    server.bind(host, port);
    System.out.printf(
        "mongo-java-server listening on %s:%d (%s backend)%n",
        host, port, h2File == null ? "memory" : "H2 file " + h2File);
    stopped.await();
  }
}
