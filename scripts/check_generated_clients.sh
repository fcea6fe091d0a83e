#!/usr/bin/env bash
# Generated clients must work against the API without hand fixes (docs/api.md#openapi-schema):
# a Python client (openapi-python-client, in a throwaway venv) and a TypeScript one
# (openapi-typescript + openapi-fetch, pinned in tests/clients/package-lock.json) are
# generated from the schema, type-checked (mypy --strict, tsc --strict) and run against
# a live development server with the demo content in a temporary SQLite database:
# list, detail by slug and by id, versions, a version, a diff, as_of and a 304.
# Exits non-zero on any failure. Usage: scripts/check_generated_clients.sh [python]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${1:-.venv/bin/python}
CLIENTS=$ROOT/tests/clients
WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

export DATABASE_URL="sqlite:///$WORK/db.sqlite3"
export DJANGO_SETTINGS_MODULE=project.settings.dev

echo "--> demo site in $WORK"
"$PY" manage.py migrate -v0
"$PY" manage.py load_demo >/dev/null &
DEMO_PID=$!

echo "--> generator venv, npm packages (in parallel with the demo content)"
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install --quiet --disable-pip-version-check \
    "openapi-python-client==0.29.0" "mypy==1.15.0" "types-python-dateutil==2.9.0.20250516" &
PIP_PID=$!
(cd "$CLIENTS" && npm ci --no-audit --no-fund --loglevel=error)
wait "$PIP_PID"
wait "$DEMO_PID"

echo "--> schema"
"$PY" manage.py spectacular --format openapi-json --validate --fail-on-warn --file "$WORK/schema.json"

echo "--> Python client: generate, mypy --strict"
(cd "$WORK" && PATH="$WORK/venv/bin:$PATH" openapi-python-client generate \
    --path schema.json --output-path rekisteri_client --meta none >/dev/null)
cp "$CLIENTS/smoke_client.py" "$CLIENTS/mypy.ini" "$WORK/"
(cd "$WORK" && venv/bin/mypy --config-file mypy.ini smoke_client.py)

echo "--> TypeScript client: generate, tsc --strict"
rm -rf "$CLIENTS/generated"
mkdir -p "$CLIENTS/generated"
(cd "$CLIENTS" && npx --no-install openapi-typescript "$WORK/schema.json" -o generated/schema.d.ts \
    && npx --no-install tsc -p tsconfig.json)

echo "--> live server"
PORT=$("$PY" -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
"$PY" manage.py runserver --noreload "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 60); do
    if curl -fs -o /dev/null "http://127.0.0.1:$PORT/api/notices/"; then break; fi
    sleep 1
done
export API_BASE_URL="http://127.0.0.1:$PORT"

echo "--> Python client against $API_BASE_URL"
(cd "$WORK" && venv/bin/python smoke_client.py)
echo "--> TypeScript client against $API_BASE_URL"
(cd "$CLIENTS" && node generated/ts-out/smoke.js)
echo "Generated clients OK"
