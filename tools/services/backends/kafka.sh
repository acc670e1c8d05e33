# Apache Kafka 3.9 on 127.0.0.1:9092: one KRaft node acting as broker and controller,
# resolved from Maven Central by tools/services/kafka/pom.xml (no Docker, no tarball).
# Every start formats fresh storage: tests name their own topics and groups, and a
# clean log keeps one run's leftovers from slowing the next one's group joins.
KAFKA_HOST=127.0.0.1
KAFKA_PORT=${MOSAIC_KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${MOSAIC_KAFKA_CONTROLLER_PORT:-9093}
KAFKA_START_SECONDS=${MOSAIC_KAFKA_START_SECONDS:-90}

kafka_home() { echo "$STATE_DIR/kafka"; }
kafka_lib() { echo "$SERVICES_DIR/kafka/target/lib"; }

# Resolves the broker's classpath once; the stamp records which pom produced it,
# so editing the pom (say, a new Kafka version) re-resolves on the next `up`.
kafka_resolve() {
  local pom="$SERVICES_DIR/kafka/pom.xml" lib stamp
  lib=$(kafka_lib)
  stamp="$lib/.resolved-from"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(sha256sum "$pom" | cut -d' ' -f1)" ]; then
    return 0
  fi
  command -v mvn >/dev/null || { log "kafka: installing maven"; apt_install maven; }
  log "kafka: resolving the broker from Maven Central"
  rm -rf "$lib"
  # Maven's output is kept for when it fails; on success it is only colour codes.
  mvn -q -B -Dstyle.color=never -f "$pom" dependency:copy-dependencies >"$STATE_DIR/kafka-resolve.log" 2>&1 || {
    log "kafka: maven could not resolve the broker:"
    cat "$STATE_DIR/kafka-resolve.log" >&2
    return 1
  }
  sha256sum "$pom" | cut -d' ' -f1 >"$stamp"
}

# A Kafka cluster id is 16 random bytes in unpadded base64url; a leading '-' would
# read as an option to the storage tool, so such ids are drawn again.
kafka_cluster_id() {
  local id
  while :; do
    id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
    [ "${id:0:1}" != "-" ] && { echo "$id"; return 0; }
  done
}

kafka_write_config() {
  local home=$1
  cat >"$home/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT,CONTROLLER://$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$home/data
num.partitions=3
auto.create.topics.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
# Lets tests shorten consumer session timeouts below the stock 6 s minimum.
group.min.session.timeout.ms=1000
log.retention.hours=4
log.segment.bytes=16777216
EOF
  cat >"$home/log4j.properties" <<EOF
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.log.LogCleaner=WARN
log4j.logger.org.apache.kafka.storage.internals.log=WARN
log4j.logger.kafka.log.UnifiedLog=WARN
EOF
}

# kafka_command HOME CLASS ARGS…: sets KAFKA_COMMAND to the java command line running
# CLASS from the resolved classpath, with a modest heap.
kafka_command() {
  local home=$1
  shift
  KAFKA_COMMAND=(java -Xms256m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError
    -Djava.awt.headless=true -Dlog4j.configuration="file:$home/log4j.properties" -Dkafka.logs.dir="$home/logs"
    -cp "$(kafka_lib)/*" "$@")
}

kafka_ready() { grep -q 'Kafka Server started' "$STATE_DIR/kafka.log" 2>/dev/null && port_open "$KAFKA_HOST" "$KAFKA_PORT"; }

# Waits for the "started" line, not just the port: the listener binds before the
# broker has registered with its controller and would stall the first clients.
kafka_wait() {
  local pid=$1 waited=0
  until kafka_ready; do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "kafka: the broker exited during startup; last lines of $STATE_DIR/kafka.log:"
      tail -n 30 "$STATE_DIR/kafka.log" >&2
      return 1
    fi
    sleep 1
    waited=$((waited + 1))
    if [ "$waited" -ge "$KAFKA_START_SECONDS" ]; then
      log "kafka: not ready on $KAFKA_HOST:$KAFKA_PORT within ${KAFKA_START_SECONDS}s (see $STATE_DIR/kafka.log)"
      return 1
    fi
  done
}

kafka_up() {
  local pid home
  pid=$(started_pid kafka || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    log "kafka: the broker started earlier (pid $pid) is running; waiting until it is ready"
    kafka_wait "$pid"
    return
  fi
  if port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
    log "kafka: reusing the broker on $KAFKA_HOST:$KAFKA_PORT"
    return 0
  fi
  rm -f "$STATE_DIR/kafka.pid"
  command -v java >/dev/null || { log "kafka: installing a Java runtime"; apt_install openjdk-17-jre-headless; }
  kafka_resolve
  home=$(kafka_home)
  rm -rf "$home"
  mkdir -p "$home/data" "$home/logs"
  kafka_write_config "$home"

  log "kafka: formatting storage in $home/data"
  kafka_command "$home" kafka.tools.StorageTool format -t "$(kafka_cluster_id)" -c "$home/server.properties"
  "${KAFKA_COMMAND[@]}" >"$STATE_DIR/kafka.log" 2>&1 || {
    log "kafka: formatting storage failed:"
    tail -n 30 "$STATE_DIR/kafka.log" >&2
    return 1
  }

  log "kafka: starting the broker (log: $STATE_DIR/kafka.log)"
  kafka_command "$home" kafka.Kafka "$home/server.properties"
  start_detached kafka "$STATE_DIR/kafka.log" "${KAFKA_COMMAND[@]}"
  kafka_wait "$(started_pid kafka)"
  log "kafka: ready on $KAFKA_HOST:$KAFKA_PORT"
}

kafka_down() {
  local pid
  pid=$(started_pid kafka || true)
  stop_started kafka
  # Only data this script created goes; a broker someone else runs keeps its own.
  [ -n "$pid" ] && rm -rf "$(kafka_home)"
  return 0
}

kafka_env() { echo "export KAFKA_BROKERS=$KAFKA_HOST:$KAFKA_PORT"; }
kafka_status() { status_line kafka "$KAFKA_HOST" "$KAFKA_PORT"; }
