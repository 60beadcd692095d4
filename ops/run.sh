#!/usr/bin/env bash
# Started by `make run`: localstripe in the background, then the ASGI server (HTTP and WebSocket).
set -euo pipefail
cd "$(dirname "$0")/.."

PY="${PY:-.venv/bin/python}"
PORT="${PORT:-8000}"
LOCALSTRIPE_PORT="${LOCALSTRIPE_PORT:-8420}"

export DEBUG=1
export STRIPE_API_BASE="${STRIPE_API_BASE:-http://127.0.0.1:$LOCALSTRIPE_PORT}"
export STRIPE_SECRET_KEY="${STRIPE_SECRET_KEY:-sk_test_passerelle_local}"
export STRIPE_PUBLISHABLE_KEY="${STRIPE_PUBLISHABLE_KEY:-pk_test_passerelle_local}"
export STRIPE_WEBHOOK_SECRET="${STRIPE_WEBHOOK_SECRET:-whsec_passerelle_local}"
export SITE_URL="${SITE_URL:-http://127.0.0.1:$PORT}"

(cd var && exec "../$PY" -m localstripe --port "$LOCALSTRIPE_PORT") >var/localstripe.log 2>&1 &
LOCALSTRIPE_PID=$!
trap 'kill $LOCALSTRIPE_PID 2>/dev/null || true' EXIT INT TERM
"$PY" ops/localstripe_webhook.py

"$PY" manage.py seed_demo
cat <<MSG

  Passerelle is starting on $SITE_URL  (Wagtail admin: $SITE_URL/admin/, API: $SITE_URL/api/v1/docs)
  localstripe answers on $STRIPE_API_BASE and sends its webhooks here: pay with the test card
  4242 4242 4242 4242 (4000 0025 0000 3155 asks for 3-D Secure). Stop with Ctrl-C.

MSG
"$PY" -m daphne -b 127.0.0.1 -p "$PORT" config.asgi:application
