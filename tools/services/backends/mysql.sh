# MariaDB (MySQL-compatible) on 127.0.0.1:3306, root with an empty password, database `test`.
# A server already listening there is reused; otherwise one is started on a data
# directory of its own under $STATE_DIR, so the machine's own database is never touched.
MYSQL_HOST=127.0.0.1
MYSQL_PORT=${MOSAIC_MYSQL_PORT:-3306}

mysql_up() {
  if port_open "$MYSQL_HOST" "$MYSQL_PORT"; then
    log "mysql: reusing the server on $MYSQL_HOST:$MYSQL_PORT"
  else
    [ -x /usr/sbin/mariadbd ] || { log "mysql: installing mariadb-server"; apt_install mariadb-server; }
    local datadir="$STATE_DIR/mysql-$MYSQL_PORT"
    if [ ! -d "$datadir/mysql" ]; then
      log "mysql: initialising $datadir"
      mkdir -p "$datadir"
      mariadb-install-db --no-defaults --user=root --datadir="$datadir" --auth-root-authentication-method=normal \
        --skip-test-db >"$STATE_DIR/mysql-install.log" 2>&1 ||
        { log "mysql: initialisation failed, see $STATE_DIR/mysql-install.log"; rm -rf "$datadir"; return 1; }
    fi
    log "mysql: starting mariadbd on $MYSQL_HOST:$MYSQL_PORT"
    start_detached mysql "$STATE_DIR/mysql.log" /usr/sbin/mariadbd --no-defaults --user=root --datadir="$datadir" \
      --bind-address="$MYSQL_HOST" --port="$MYSQL_PORT" --socket="$datadir/mysqld.sock" \
      --pid-file="$datadir/mysqld.pid" --innodb-buffer-pool-size=256M --max-connections=500 \
      --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci
    wait_for_port "$MYSQL_HOST" "$MYSQL_PORT" 60 mysql
  fi
  mariadb --protocol=tcp -uroot -h"$MYSQL_HOST" -P"$MYSQL_PORT" -e "CREATE DATABASE IF NOT EXISTS test" >&2
}

mysql_down() { stop_started mysql; }
mysql_env() { echo "export MYSQL_URL=mysql://root@$MYSQL_HOST:$MYSQL_PORT/test"; }
mysql_status() { status_line mysql "$MYSQL_HOST" "$MYSQL_PORT"; }
