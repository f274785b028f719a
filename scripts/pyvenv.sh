# shellcheck shell=bash
# Project-local Python virtualenvs for the test tools that come from PyPI (Ralph, chdb).
# Sourced after scripts/lib.sh by scripts/lrs.sh and scripts/chdb.sh, not run.
#
#   sq_venv NAME LOCK REQUIREMENT...
#     makes $ROOT/.tools/NAME (python3 -m venv) and pip-installs the REQUIREMENTs (each
#     pinned with ==) constrained by the lock file LOCK (the full `pip freeze` of a good
#     install, so the transitive dependencies are pinned too). A stamp in the venv records
#     the Python version, the requirements and the lock file's hash; when it matches, the
#     call is a no-op. The pip output goes to a log file, whose tail is printed on failure.
#     Sets SQ_VENV_PY to the venv's python.
#
# .tools/ is in .gitignore. To refresh a lock file after changing a pin: delete it, run the
# script that installs the venv (it installs without constraints and writes the new lock).

SQ_TOOLS_DIR="$ROOT/.tools"
SQ_LOG_DIR="${TMPDIR:-/tmp}/scenario-quiz-setup"

# the stamp: a hash of the Python version, the requirements and the lock file.
_sq_venv_stamp() {
  local lock="$1"; shift
  {
    python3 -c 'import sys; print(sys.version.split()[0])'
    printf '%s\n' "$@"
    if [[ -f "$lock" ]]; then sha256sum <"$lock"; else echo "no lock"; fi
  } | sha256sum | cut -d' ' -f1
}

sq_venv() {
  local name="$1" lock="$2"; shift 2
  local venv="$SQ_TOOLS_DIR/$name"
  local stamp="$venv/.scenario-quiz-stamp"
  command -v python3 >/dev/null 2>&1 || die "python3 not found: Python >= 3.9 is needed for $name"
  local want
  want="$(_sq_venv_stamp "$lock" "$@")"
  SQ_VENV_PY="$venv/bin/python"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" && -x "$SQ_VENV_PY" ]]; then
    log "ok  $name venv ($*)"
    return 0
  fi
  mkdir -p "$SQ_LOG_DIR"
  local logfile="$SQ_LOG_DIR/venv-$name.log"
  local start=$SECONDS
  log "installing $* into $venv (log: $logfile)"
  rm -rf "$venv"
  local constraint=()
  [[ -f "$lock" ]] && constraint=(-c "$lock")
  if python3 -m venv "$venv" >"$logfile" 2>&1 </dev/null \
    && "$SQ_VENV_PY" -m pip install --no-input --disable-pip-version-check "${constraint[@]}" "$@" \
      >>"$logfile" 2>&1 </dev/null; then
    log "    done in $((SECONDS - start))s, $(du -sh "$venv" | cut -f1) on disk"
  else
    local rc=$?
    echo "----- last 40 lines of $logfile -----" >&2
    tail -n 40 "$logfile" >&2 || true
    echo "-----" >&2
    die "could not install $name (exit $rc): pip install $*"
  fi
  if [[ ! -f "$lock" ]]; then
    mkdir -p "$(dirname "$lock")"
    {
      echo "# pip freeze of .tools/$name after: pip install $*"
      echo "# (Python $(python3 -c 'import sys; print(sys.version.split()[0])'), written by scripts/pyvenv.sh; used as constraints)"
      "$SQ_VENV_PY" -m pip freeze --all --exclude pip --exclude setuptools
    } >"$lock"
    log "    wrote the lock file $lock: commit it"
    want="$(_sq_venv_stamp "$lock" "$@")"
  fi
  printf '%s\n' "$want" >"$stamp"
}
