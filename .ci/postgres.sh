#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster on 127.0.0.1 (free port, data in a mktemp dir, run as the unprivileged user
# 'postgres') and exports SITREP_TEST_PG for the storage tests. Source it, then call sitrep_pg_start; sitrep_pg_stop
# stops the cluster and removes its files. Installs the Debian package when no server binaries are present.
sitrep_pg_start() {
  local bindir
  bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    echo "postgres: installing the Debian package" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq postgresql >/dev/null || { echo "postgres: apt-get install postgresql failed" >&2; return 1; }
    bindir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  fi
  local runas=()
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    runas=(runuser -u postgres --)
  fi
  SITREP_PG_DIR="$(mktemp -d /tmp/sitrep-pg.XXXXXX)"
  chmod 755 "$SITREP_PG_DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$SITREP_PG_DIR"
  SITREP_PG_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo 55432)"
  local password="sitrep-ci-$RANDOM$RANDOM"
  printf '%s\n' "$password" > "$SITREP_PG_DIR/pw"
  [ "$(id -u)" = 0 ] && chown postgres "$SITREP_PG_DIR/pw"
  "${runas[@]}" "$bindir/initdb" -D "$SITREP_PG_DIR/data" -U sitrep --pwfile="$SITREP_PG_DIR/pw" -A scram-sha-256 -E UTF8 --no-locale >"$SITREP_PG_DIR/initdb.log" 2>&1 \
    || { cat "$SITREP_PG_DIR/initdb.log" >&2; return 1; }
  "${runas[@]}" "$bindir/pg_ctl" -D "$SITREP_PG_DIR/data" -l "$SITREP_PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $SITREP_PG_PORT -k $SITREP_PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
    || { cat "$SITREP_PG_DIR/server.log" >&2; return 1; }
  SITREP_PG_BIN="$bindir"
  SITREP_PG_RUNAS="${runas[*]}"
  export SITREP_PG_DIR SITREP_PG_PORT SITREP_PG_BIN SITREP_PG_RUNAS
  export SITREP_TEST_PG="postgres://sitrep:$password@127.0.0.1:$SITREP_PG_PORT/postgres"
  echo "postgres: temporary cluster on 127.0.0.1:$SITREP_PG_PORT ($SITREP_PG_DIR)" >&2
}

sitrep_pg_stop() {
  [ -n "${SITREP_PG_DIR:-}" ] && [ -d "$SITREP_PG_DIR/data" ] || return 0
  $SITREP_PG_RUNAS "$SITREP_PG_BIN/pg_ctl" -D "$SITREP_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$SITREP_PG_DIR"
  unset SITREP_PG_DIR SITREP_TEST_PG
}
