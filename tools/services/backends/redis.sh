# Redis on 127.0.0.1:6379, nothing persisted (tests make their own keys).
REDIS_HOST=127.0.0.1
REDIS_PORT=${MOSAIC_REDIS_PORT:-6379}

redis_up() {
  if port_open "$REDIS_HOST" "$REDIS_PORT"; then
    log "redis: reusing the server on $REDIS_HOST:$REDIS_PORT"
    return 0
  fi
  command -v redis-server >/dev/null || { log "redis: installing redis-server"; apt_install redis-server; }
  log "redis: starting redis-server"
  redis-server --bind "$REDIS_HOST" --port "$REDIS_PORT" --save "" --appendonly no \
    --daemonize yes --pidfile "$STATE_DIR/redis-server.pid" --logfile "$STATE_DIR/redis.log" >&2
  wait_for_port "$REDIS_HOST" "$REDIS_PORT" 30 redis
  mark_started redis "$(cat "$STATE_DIR/redis-server.pid")"
}

redis_down() { stop_started redis; }
redis_env() { echo "export REDIS_URL=redis://$REDIS_HOST:$REDIS_PORT"; }
redis_status() { status_line redis "$REDIS_HOST" "$REDIS_PORT"; }
