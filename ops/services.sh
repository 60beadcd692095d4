#!/usr/bin/env bash
# Installs and starts the real services the "at scale" configuration and its tests use:
# PostgreSQL, Redis, a one-node OpenSearch 2.19, Chromium for browser tests, and stripe-mock (built with Go)
# for the Stripe Connect tests.
#   ops/services.sh        install (apt, Maven), start everything, wait until healthy, build stripe-mock
#   ops/services.sh stripe-mock   only build stripe-mock (no root needed)
#   ops/services.sh env    print the environment variables that point the app at them
#   ops/services.sh stop   stop what it started
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VAR="$ROOT/var/services"
PG_USER=passerelle
PG_PASSWORD=passerelle
PG_DB=passerelle
REDIS_PORT=6379
OPENSEARCH_PORT=9200
OPENSEARCH_HEAP="${OPENSEARCH_HEAP:-1g}"
# Stripe's mock server: the test session starts it on a free port. Pinned: a new version brings a new OpenAPI spec.
STRIPE_MOCK_VERSION=v0.203.0
BIN="$VAR/bin"

say() { printf '\033[1m[services]\033[0m %s\n' "$*" >&2; }

print_env() {
  cat <<ENV
export DATABASE_URL=postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:5432/$PG_DB
export REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0
export SEARCH_ENGINE=opensearch
export SEARCH_URLS=http://127.0.0.1:$OPENSEARCH_PORT
export CHROMIUM_PATH=$(command -v chromium || echo /usr/bin/chromium)
export STRIPE_MOCK_PATH=$BIN/stripe-mock
ENV
}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

install_packages() {
  local wanted=(postgresql redis-server chromium gettext curl)
  command -v java >/dev/null || wanted+=(openjdk-17-jre-headless)
  command -v mvn >/dev/null || wanted+=(maven)
  local missing=()
  for pkg in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]} from the distribution's packages"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

start_postgres() {
  local version
  version="$(ls /usr/lib/postgresql | sort -n | tail -1)"
  if ! pg_lsclusters -h | grep -q "^$version main"; then
    as_root pg_createcluster "$version" main >/dev/null
  fi
  if ! pg_lsclusters -h | grep -q "^$version main .* online"; then
    say "starting PostgreSQL $version"
    as_root pg_ctlcluster "$version" main start
  fi
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
  # CREATEDB: the test runner creates and drops its own test database.
  as_root su postgres -c "psql -q -tc \"SELECT 1 FROM pg_roles WHERE rolname='$PG_USER'\" | grep -q 1 \
    || psql -q -c \"CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD'\""
  as_root su postgres -c "psql -q -tc \"SELECT 1 FROM pg_database WHERE datname='$PG_DB'\" | grep -q 1 \
    || createdb -O $PG_USER $PG_DB"
}

start_redis() {
  if ! redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    say "starting Redis"
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --save "" --appendonly no \
      --logfile "$VAR/redis.log"
  fi
}

opensearch_healthy() {
  curl -fsS "http://127.0.0.1:$OPENSEARCH_PORT/_cluster/health" 2>/dev/null | grep -Eq '"status":"(green|yellow)"'
}

start_opensearch() {
  if opensearch_healthy; then return; fi
  say "resolving OpenSearch 2.19 with Maven"
  (cd "$ROOT/ops/opensearch" && mvn -q -B dependency:build-classpath -Dmdep.outputFile="$VAR/opensearch.classpath" >&2)
  say "starting OpenSearch (heap $OPENSEARCH_HEAP)"
  rm -rf "$VAR/opensearch"
  mkdir -p "$VAR/opensearch"
  # The runner numbers its nodes from 1 and gives node N the port base+N.
  nohup java -Xms"$OPENSEARCH_HEAP" -Xmx"$OPENSEARCH_HEAP" -cp "$(cat "$VAR/opensearch.classpath")" \
    org.codelibs.opensearch.runner.OpenSearchRunner \
    -basePath "$VAR/opensearch" -numOfNode 1 -baseHttpPort $((OPENSEARCH_PORT - 1)) -clusterName passerelle \
    >"$VAR/opensearch.log" 2>&1 &
  echo $! >"$VAR/opensearch.pid"
  for _ in $(seq 1 180); do
    if opensearch_healthy; then say "OpenSearch is healthy"; return; fi
    sleep 1
  done
  say "OpenSearch did not become healthy; last log lines:"
  tail -20 "$VAR/opensearch.log" >&2
  exit 1
}

build_stripe_mock() {
  local stamp="$BIN/stripe-mock.version"
  if [ -x "$BIN/stripe-mock" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$STRIPE_MOCK_VERSION" ]; then return; fi
  local go
  go="$(command -v go || echo /usr/local/go/bin/go)"
  if [ ! -x "$go" ]; then
    say "Go is missing: install it to build stripe-mock (the Connect tests need it)"
    exit 1
  fi
  say "building stripe-mock $STRIPE_MOCK_VERSION with $("$go" version | cut -d' ' -f3)"
  mkdir -p "$BIN"
  GOBIN="$BIN" "$go" install "github.com/stripe/stripe-mock@$STRIPE_MOCK_VERSION"
  echo "$STRIPE_MOCK_VERSION" >"$stamp"
}

stop_all() {
  [ -f "$VAR/opensearch.pid" ] && kill "$(cat "$VAR/opensearch.pid")" 2>/dev/null || true
  redis-cli -p "$REDIS_PORT" shutdown nosave 2>/dev/null || true
  for c in $(pg_lsclusters -h 2>/dev/null | awk '{print $1"/"$2}'); do as_root pg_ctlcluster "${c%/*}" "${c#*/}" stop || true; done
}

mkdir -p "$VAR"
case "${1:-start}" in
  env) print_env ;;
  stripe-mock) build_stripe_mock ;;
  stop) stop_all ;;
  start)
    install_packages
    start_postgres
    start_redis
    start_opensearch
    build_stripe_mock
    say "all services are up. Point the app at them with:"
    print_env
    ;;
  *) echo "usage: $0 [start|env|stop|stripe-mock]" >&2; exit 2 ;;
esac
