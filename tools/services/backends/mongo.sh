# A MongoDB-wire-compatible server (de.bwaldvogel:mongo-java-server, see ../mongo/) on
# 127.0.0.1:27017. Data is in memory unless MOSAIC_MONGO_H2_FILE names an H2 file to keep it in.
MONGO_HOST=127.0.0.1
MONGO_PORT=${MOSAIC_MONGO_PORT:-27017}
MONGO_PROJECT_DIR="$SERVICES_DIR/mongo"

# mongo_build: compiles the launcher and copies its classpath when the sources are newer
# than the last build, so a repeated `up` costs nothing.
mongo_build() {
  local jar="$MONGO_PROJECT_DIR/target/mosaic-mongo-server-1.0.0.jar"
  if [ -f "$jar" ] && [ -d "$MONGO_PROJECT_DIR/target/dependency" ] &&
    [ -z "$(find "$MONGO_PROJECT_DIR/pom.xml" "$MONGO_PROJECT_DIR/src" -newer "$jar" -print -quit)" ]; then
    return 0
  fi
  command -v java >/dev/null || { log "mongo: installing a Java runtime"; apt_install openjdk-17-jdk-headless; }
  command -v mvn >/dev/null || { log "mongo: installing maven"; apt_install maven; }
  log "mongo: building the launcher with maven"
  # clean: jars of an earlier dependency version must not linger on the classpath.
  (cd "$MONGO_PROJECT_DIR" && mvn -q -B -Dstyle.color=never clean package >&2)
}

mongo_up() {
  if port_open "$MONGO_HOST" "$MONGO_PORT"; then
    log "mongo: reusing the server on $MONGO_HOST:$MONGO_PORT"
    return 0
  fi
  mongo_build
  log "mongo: starting mongo-java-server"
  : >"$STATE_DIR/mongo.log"
  start_detached mongo "$STATE_DIR/mongo.log" java -Xmx512m \
    -cp "$MONGO_PROJECT_DIR/target/mosaic-mongo-server-1.0.0.jar:$MONGO_PROJECT_DIR/target/dependency/*" \
    dev.mosaic.mongo.MongoLauncher "$MONGO_HOST" "$MONGO_PORT" "${MOSAIC_MONGO_H2_FILE:-}"
  wait_for_port "$MONGO_HOST" "$MONGO_PORT" 60 mongo
}

mongo_down() { stop_started mongo; }
mongo_env() { echo "export MONGO_URL=mongodb://$MONGO_HOST:$MONGO_PORT/test"; }
mongo_status() { status_line mongo "$MONGO_HOST" "$MONGO_PORT"; }
