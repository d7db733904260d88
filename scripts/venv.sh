# Sourced by the other scripts: makes .venv (Python >= 3.11) and installs the project into it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

pick_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"
      return
    fi
  done
  echo "Motcua needs Python 3.11 or newer" >&2
  exit 1
}

if [ ! -x .venv/bin/python ]; then
  python=$(pick_python)
  if ! "$python" -m venv .venv 2>/dev/null; then
    # Debian and Ubuntu ship venv apart from Python.
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
      rm -rf .venv && "$python" -m venv .venv
    else
      echo "cannot create a venv: install python3-venv (apt-get install python3-venv)" >&2
      exit 1
    fi
  fi
fi
.venv/bin/python -m pip install -q --upgrade pip
extras=${MOTCUA_EXTRAS-dev}
.venv/bin/python -m pip install -q -e ".${extras:+[$extras]}"
