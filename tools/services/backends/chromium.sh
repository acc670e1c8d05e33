# Debian's Chromium for the browser tests (driven by playwright-core; browsers are never downloaded).
CHROMIUM_BIN=${CHROMIUM_PATH:-/usr/bin/chromium}

chromium_up() {
  if [ -x "$CHROMIUM_BIN" ]; then
    log "chromium: present at $CHROMIUM_BIN"
    return 0
  fi
  log "chromium: installing from Debian's packages"
  apt_install chromium
}

# Installed once, nothing runs in the background: there is nothing to stop.
chromium_down() { :; }
chromium_env() { echo "export CHROMIUM_PATH=$CHROMIUM_BIN"; }
chromium_status() {
  if [ -x "$CHROMIUM_BIN" ]; then echo "chromium: installed at $CHROMIUM_BIN"; else echo "chromium: not installed"; fi
}
