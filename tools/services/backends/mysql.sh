# MariaDB (MySQL-compatible) on 127.0.0.1:3306, root with an empty password, database `test`.
MYSQL_HOST=127.0.0.1
MYSQL_PORT=${MOSAIC_MYSQL_PORT:-3306}

mysql_up() {
  if port_open "$MYSQL_HOST" "$MYSQL_PORT"; then
    log "mysql: reusing the server on $MYSQL_HOST:$MYSQL_PORT"
  else
    command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ] || { log "mysql: installing mariadb-server"; apt_install mariadb-server; }
    mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null || true
    if [ ! -d /var/lib/mysql/mysql ]; then
      log "mysql: initialising the data directory"
      mariadb-install-db --user=mysql --datadir=/var/lib/mysql >/dev/null
    fi
    log "mysql: starting mariadbd"
    nohup /usr/sbin/mariadbd --user=mysql --bind-address="$MYSQL_HOST" --port="$MYSQL_PORT" >"$STATE_DIR/mysql.log" 2>&1 &
    mark_started mysql $!
    wait_for_port "$MYSQL_HOST" "$MYSQL_PORT" 60 mysql
  fi
  # Idempotent grants: tests connect over TCP as root with no password.
  mariadb -uroot -h"$MYSQL_HOST" -P"$MYSQL_PORT" -e "CREATE DATABASE IF NOT EXISTS test" 2>/dev/null ||
    mariadb -uroot -e "CREATE DATABASE IF NOT EXISTS test;
      ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket;
      FLUSH PRIVILEGES;" >&2
}

mysql_down() { stop_started mysql; }
mysql_env() { echo "export MYSQL_URL=mysql://root@$MYSQL_HOST:$MYSQL_PORT/test"; }
mysql_status() { status_line mysql "$MYSQL_HOST" "$MYSQL_PORT"; }
