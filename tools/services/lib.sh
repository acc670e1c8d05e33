# Helpers shared by the backend files. Messages go to stderr so `env` stays evaluable.

log() { echo "[services] $*" >&2; }

# port_open HOST PORT: true when something accepts TCP connections there.
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# wait_for_port HOST PORT SECONDS NAME
wait_for_port() {
  local host=$1 port=$2 seconds=$3 name=$4 waited=0
  until port_open "$host" "$port"; do
    sleep 1
    waited=$((waited + 1))
    if [ "$waited" -ge "$seconds" ]; then
      log "$name did not open $host:$port within ${seconds}s"
      return 1
    fi
  done
}

apt_updated=""
# apt_install PACKAGE…: installs from Debian's packages when a command is missing.
apt_install() {
  if [ -z "$apt_updated" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

# start_detached NAME LOGFILE COMMAND…: runs COMMAND in a session of its own, so it
# outlives this shell and whatever process group started it (a CI step, a terminal),
# and records it as started here. The child writes its own pid and then becomes
# COMMAND, so `down` signals the server itself.
start_detached() {
  local name=$1 logfile=$2 pidfile="$STATE_DIR/$1.pid"
  shift 2
  rm -f "$pidfile"
  setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$pidfile" "$@" >>"$logfile" 2>&1 </dev/null &
  for _ in $(seq 1 50); do [ -s "$pidfile" ] && return 0; sleep 0.1; done
  log "$name: the process did not start (see $logfile)"
  return 1
}

# mark_started NAME PID: remember that `up` started this backend (and how to stop it).
mark_started() { echo "$2" >"$STATE_DIR/$1.pid"; }
started_pid() { [ -f "$STATE_DIR/$1.pid" ] && cat "$STATE_DIR/$1.pid"; }

# stop_started NAME: stops the process `up` started, if any; leaves others alone.
stop_started() {
  local name=$1 pid
  pid=$(started_pid "$name") || { log "$name: not started by these scripts, left running"; return 0; }
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
    log "$name: stopped (pid $pid)"
  fi
  rm -f "$STATE_DIR/$name.pid"
}

# status_line NAME HOST PORT
status_line() {
  local where="down"
  port_open "$2" "$3" && where="up on $2:$3"
  local owner="external"
  started_pid "$1" >/dev/null && owner="started here"
  [ "$where" = "down" ] && owner=""
  echo "$1: $where ${owner:+($owner)}"
}
