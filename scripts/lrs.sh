#!/usr/bin/env bash
# A real xAPI LRS for tests: Ralph (PyPI ralph-malph), on 127.0.0.1 only, with its
# file-system backend, one Basic-auth user, and data that every `start` resets.
#
#   bash scripts/lrs.sh install   the venv .tools/ralph (pinned, idempotent; start runs it)
#   bash scripts/lrs.sh start     (re)start Ralph with an empty store; waits until it answers
#                                 and prints the endpoint and the Authorization header value
#   bash scripts/lrs.sh env       `export SQ_LRS_...=...` lines for a shell: eval "$(bash scripts/lrs.sh env)"
#   bash scripts/lrs.sh url       the xAPI endpoint, e.g. http://127.0.0.1:41873/xAPI/
#   bash scripts/lrs.sh status    exit 0 when it runs and answers, 3 when stopped
#   bash scripts/lrs.sh stop      stop the Ralph that `start` started (no-op when stopped)
#
# What the tests get (`env`, also in .tools/lrs-run/env):
#   SQ_LRS_ENDPOINT  http://127.0.0.1:PORT/xAPI/  (statements at ${SQ_LRS_ENDPOINT}statements)
#   SQ_LRS_URL       http://127.0.0.1:PORT        (/__heartbeat__, /whoami)
#   SQ_LRS_AUTH      "Basic base64(user:password)", the value of the Authorization header
#   SQ_LRS_USER, SQ_LRS_PASSWORD
# The password is made anew at each start; the user's scopes are statements/write and
# statements/read, its agent mailto:scenario-quiz-test@example.org.
#
# Port: SQ_LRS_PORT if set (start fails if it is taken), else a free port the kernel
# picks on 127.0.0.1, so that two checkouts on one machine can run their tests at once.
#
# CORS: SQ_LRS_CORS_ORIGINS, a JSON list of origins ('["http://127.0.0.1:8123"]'), becomes
# Ralph's RALPH_RUNSERVER_CORS_ALLOW_ORIGINS, for browser tests that send from the app's
# page (scripts/lms-test.sh). Unset: no CORS headers (Ralph's default).
#
# Pins: ralph-malph[lrs]==5.1.0 and requests==2.34.2, and every other package at the
# version in scripts/requirements/ralph.lock (pip constraints). Only the `lrs` extra
# (fastapi, uvicorn, bcrypt, ...) is needed to serve; `requests` because Ralph's API imports
# its OIDC module, which imports requests, even with Basic auth only (the lrs extra does
# not bring it). Not the `cli` extra: `ralph runserver` is only uvicorn with reload=True (a
# file watcher on the working directory) and debug logs; we run uvicorn ourselves.
#
# The fs backend's problems and their fix (details in scripts/ralph_app.py and
# docs/lrs-infra.md):
#  1. Ralph 5.1.0's fs LRS backend answers every POST after the first with 500
#     ("fs_lrs.jsonl already exists and overwrite is not allowed with operation_type create
#     or index"): every batch goes to the same file, and the API writes without an
#     operation type, so the backend's default, CREATE, refuses the existing file. No
#     setting changes that.
#  2. Its ?activity= and ?verb= filters never match (it compares strings with pydantic IRI
#     objects), and related_activities=false acts as true.
# We serve scripts/ralph_app.py, which makes APPEND the backend's default and hands its
# queries plain values, before importing ralph.api:app. SQ_LRS_FS_FIXES=0 serves
# ralph.api:app unpatched, to reproduce the problems or to check whether a newer Ralph
# still needs the fixes.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=scripts/pyvenv.sh
source "$ROOT/scripts/pyvenv.sh"

RALPH_VERSION="5.1.0"
REQUESTS_VERSION="2.34.2"
RALPH_LOCK="$ROOT/scripts/requirements/ralph.lock"
RUN_DIR="$ROOT/.tools/lrs-run"
LRS_USER="scenario-quiz-test"
READY_TRIES=300 # polls of /__heartbeat__, 0.2 s apart: at most ~60 s (2 s here, 7 s under load)

install() {
  sq_venv ralph "$RALPH_LOCK" "ralph-malph[lrs]==$RALPH_VERSION" "requests==$REQUESTS_VERSION"
}

# pid of the running Ralph we started, or nothing.
running_pid() {
  [[ -f "$RUN_DIR/pid" ]] || return 0
  local pid
  pid="$(cat "$RUN_DIR/pid")"
  # only our uvicorn: a recycled pid must not be mistaken for it
  local cmdline
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  if [[ "$cmdline" == *"-m uvicorn ralph"*"--app-dir $ROOT/scripts "* ]]; then
    printf '%s\n' "$pid"
  fi
}

stop() {
  local pid
  pid="$(running_pid)"
  if [[ -z "$pid" ]]; then
    rm -f "$RUN_DIR/pid"
    log "not running"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "Ralph (pid $pid) did not stop on TERM within 5 s: KILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$RUN_DIR/pid"
  log "stopped Ralph (pid $pid)"
}

# poll URL until it answers 200, at most $READY_TRIES times, while pid $1 lives.
wait_ready() {
  local pid="$1" url="$2"
  "$SQ_VENV_PY" - "$pid" "$url" "$READY_TRIES" <<'EOF'
import os, sys, time, urllib.request
pid, url, tries = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
for attempt in range(1, tries + 1):
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit(f"Ralph (pid {pid}) exited before it answered")
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            if response.status == 200:
                print(f"ready after {attempt} poll(s)")
                sys.exit(0)
    except OSError:
        pass
    time.sleep(0.2)
sys.exit(f"no answer from {url} after {tries} polls")
EOF
}

start() {
  install
  stop >/dev/null
  rm -rf "$RUN_DIR"
  mkdir -p "$RUN_DIR/data"

  local port="${SQ_LRS_PORT:-}"
  port="$("$SQ_VENV_PY" - "$port" <<'EOF'
import socket, sys
with socket.socket() as s:
    try:
        s.bind(("127.0.0.1", int(sys.argv[1] or 0)))
    except OSError as e:
        sys.exit(f"port {sys.argv[1]} on 127.0.0.1 is not free: {e}")
    print(s.getsockname()[1])
EOF
  )" || die "no port for Ralph"

  # The auth file Ralph reads (RALPH_AUTH_FILE): a JSON list of users, each with a bcrypt
  # hash, scopes and the agent Ralph sets as the statements' authority.
  local password
  password="$("$SQ_VENV_PY" -c 'import secrets; print(secrets.token_urlsafe(18))')"
  "$SQ_VENV_PY" - "$LRS_USER" "$password" "$RUN_DIR/auth.json" <<'EOF'
import json, sys, bcrypt
user, password, path = sys.argv[1:]
users = [{
    "username": user,
    "hash": bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode(),
    "scopes": ["statements/write", "statements/read"],
    "agent": {"mbox": f"mailto:{user}@example.org"},
}]
with open(path, "w", encoding="utf8") as f:
    json.dump(users, f, indent=2)
EOF

  local app="ralph_app:app"
  if [[ "${SQ_LRS_FS_FIXES:-1}" == 0 ]]; then
    app="ralph.api:app"
    log "SQ_LRS_FS_FIXES=0: serving ralph.api:app unpatched (the second POST and activity queries are expected to fail)"
  fi
  # Every setting Ralph reads is given here, so nothing comes from the caller's RALPH_*
  # variables or from ~/.config/ralph.
  local auth
  auth="Basic $(printf '%s:%s' "$LRS_USER" "$password" | base64 -w0)"
  (
    cd "$RUN_DIR"
    while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep '^RALPH_' || true)
    export RALPH_APP_DIR="$RUN_DIR"
    export RALPH_AUTH_FILE="$RUN_DIR/auth.json"
    export RALPH_HISTORY_FILE="$RUN_DIR/history.json"
    export RALPH_RUNSERVER_AUTH_BACKENDS=basic
    export RALPH_RUNSERVER_BACKEND=fs
    export RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH="$RUN_DIR/data"
    export RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT=100
    # Browser tests send from the app's origin: Ralph answers CORS for these origins
    # (a JSON list, e.g. '["http://127.0.0.1:8123"]'; scripts/lms-test.sh sets it).
    if [[ -n "${SQ_LRS_CORS_ORIGINS:-}" ]]; then
      export RALPH_RUNSERVER_CORS_ALLOW_ORIGINS="$SQ_LRS_CORS_ORIGINS"
    fi
    exec setsid "$SQ_VENV_PY" -m uvicorn "$app" --app-dir "$ROOT/scripts" \
      --host 127.0.0.1 --port "$port" --log-level info \
      >"$RUN_DIR/ralph.log" 2>&1 </dev/null
  ) &
  local pid=$!
  printf '%s\n' "$pid" >"$RUN_DIR/pid"

  if ! wait_ready "$pid" "http://127.0.0.1:$port/__heartbeat__" >"$RUN_DIR/ready.log" 2>&1; then
    echo "----- $(cat "$RUN_DIR/ready.log"); last 30 lines of $RUN_DIR/ralph.log -----" >&2
    tail -n 30 "$RUN_DIR/ralph.log" >&2 || true
    echo "-----" >&2
    stop >/dev/null
    die "Ralph did not start"
  fi
  # Ralph reads the auth file at the first authenticated request: try one now, so that a
  # bad file fails `start` rather than the first test.
  if ! "$SQ_VENV_PY" - "http://127.0.0.1:$port/whoami" "$auth" >>"$RUN_DIR/ready.log" 2>&1 <<'EOF'; then
import sys, urllib.request
request = urllib.request.Request(sys.argv[1], headers={"Authorization": sys.argv[2]})
with urllib.request.urlopen(request, timeout=10) as response:
    print("whoami:", response.read().decode())
EOF
    echo "----- $(cat "$RUN_DIR/ready.log"); last 30 lines of $RUN_DIR/ralph.log -----" >&2
    tail -n 30 "$RUN_DIR/ralph.log" >&2 || true
    echo "-----" >&2
    stop >/dev/null
    die "Ralph started but refused the test user on /whoami (auth file $RUN_DIR/auth.json)"
  fi
  {
    printf 'SQ_LRS_URL=%s\n' "http://127.0.0.1:$port"
    printf 'SQ_LRS_ENDPOINT=%s\n' "http://127.0.0.1:$port/xAPI/"
    printf 'SQ_LRS_USER=%s\n' "$LRS_USER"
    printf 'SQ_LRS_PASSWORD=%s\n' "$password"
    printf 'SQ_LRS_AUTH=%s\n' "$auth"
  } >"$RUN_DIR/env"
  log "Ralph $RALPH_VERSION (fs backend, $app) pid $pid, $(head -n1 "$RUN_DIR/ready.log"); log: $RUN_DIR/ralph.log"
  log "endpoint: http://127.0.0.1:$port/xAPI/"
  log "Authorization: $auth"
}

need_running() {
  [[ -n "$(running_pid)" && -f "$RUN_DIR/env" ]] || die "Ralph is not running: bash scripts/lrs.sh start"
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  status)
    if [[ -z "$(running_pid)" || ! -f "$RUN_DIR/env" ]]; then
      log "stopped"
      exit 3
    fi
    url="$(sed -n 's/^SQ_LRS_URL=//p' "$RUN_DIR/env")"
    install >/dev/null
    READY_TRIES=1 wait_ready "$(running_pid)" "$url/__heartbeat__" >/dev/null \
      || die "Ralph (pid $(running_pid)) runs but $url/__heartbeat__ does not answer"
    log "running: pid $(running_pid), endpoint $url/xAPI/"
    ;;
  url)
    need_running
    sed -n 's/^SQ_LRS_ENDPOINT=//p' "$RUN_DIR/env"
    ;;
  env)
    need_running
    while IFS='=' read -r name value; do
      printf 'export %s=%q\n' "$name" "$value"
    done <"$RUN_DIR/env"
    ;;
  *)
    sed -n '2,/^set -euo/p' "$0" | sed '$d' >&2
    die "usage: bash scripts/lrs.sh install|start|stop|status|url|env"
    ;;
esac
