#!/usr/bin/env bash
# A PostgreSQL database for activegraph's Postgres checkpointer test: installs Debian's postgresql
# if needed, starts a cluster, creates the role and database (idempotent), and prints its URL.
# Exits non-zero (the test then skips, saying so) when no server can be had, e.g. without root.
set -euo pipefail
USER_NAME=activegraph
PASSWORD=ag-test-secret-4711
DB=activegraph_test
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else return 1; fi; }

if ! command -v pg_lsclusters >/dev/null 2>&1; then
  as_root apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >&2
fi
cluster=$(pg_lsclusters --no-header | head -n 1)
[ -n "$cluster" ] || { echo "no PostgreSQL cluster" >&2; exit 1; }
version=$(echo "$cluster" | awk '{print $1}')
name=$(echo "$cluster" | awk '{print $2}')
port=$(echo "$cluster" | awk '{print $3}')
echo "$cluster" | grep -q online || as_root pg_ctlcluster "$version" "$name" start >&2
psql_admin() { as_root su postgres -c "psql -p $port -tAc \"$1\""; }
for _ in $(seq 1 20); do psql_admin "select 1" >/dev/null 2>&1 && break; sleep 0.5; done
[ "$(psql_admin "select 1 from pg_roles where rolname = '$USER_NAME'")" = 1 ] || psql_admin "create role $USER_NAME login password '$PASSWORD'" >&2
psql_admin "alter role $USER_NAME password '$PASSWORD'" >/dev/null
[ "$(psql_admin "select 1 from pg_database where datname = '$DB'")" = 1 ] || psql_admin "create database $DB owner $USER_NAME" >&2
echo "postgres://$USER_NAME:$PASSWORD@127.0.0.1:$port/$DB"
