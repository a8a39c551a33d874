#!/usr/bin/env bash
# A local streaming read replica of a PostgreSQL cluster, for the replica test (scripts/test.sh runs it) and for
# trying ConnectionStrings__KeystoneRead by hand:
#   scripts/pg-replica.sh PRIMARY_PORT DIR
# copies the cluster listening on 127.0.0.1:PRIMARY_PORT with pg_basebackup into DIR/data, starts it as a hot
# standby on a free loopback port, and prints that port. The primary must accept replication connections from
# 127.0.0.1 for the user postgres (a cluster made by `initdb --auth=trust` does). Stop the replica with
#   pg_ctl -D DIR/data -m immediate stop
set -euo pipefail
primary_port=${1:?usage: scripts/pg-replica.sh PRIMARY_PORT DIR}
dir=${2:?usage: scripts/pg-replica.sh PRIMARY_PORT DIR}
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

mkdir -p "$dir"
[ "$(id -u)" = 0 ] && chown postgres "$dir"
# -R writes standby.signal and primary_conninfo; -X stream copies the WAL the backup needs alongside it.
pg_run "$pg_bin/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U postgres -D "$dir/data" -R -X stream -c fast >&2
for _ in $(seq 1 20); do
  port=$(( 20000 + RANDOM % 40000 ))
  ss -ltn 2>/dev/null | grep -q ":$port " && continue
  if pg_run "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 start \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c hot_standby=on -c fsync=off -c max_connections=200" >&2; then
    echo "$port"
    exit 0
  fi
done
echo "could not start the replica on a free port; see $dir/log" >&2
exit 1
