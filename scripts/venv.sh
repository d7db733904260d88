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

# Debian packages the project uses outside Python: the fonts embedded in the forms' PDFs
# (infrastructure/pdf), and for the tests poppler's pdftotext, pdfinfo and pdftoppm.
debian_needs=()
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ] || debian_needs+=(fonts-dejavu-core)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf ] || debian_needs+=(fonts-dejavu-extra)
if [ -n "${MOTCUA_EXTRAS-dev}" ] && ! command -v pdftotext >/dev/null; then
  debian_needs+=(poppler-utils)
fi
if [ ${#debian_needs[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${debian_needs[@]}" >/dev/null
  else
    echo "Motcua needs the Debian packages: ${debian_needs[*]} (apt-get install them as root)" >&2
    exit 1
  fi
fi

.venv/bin/python -m pip install -q --upgrade pip
extras=${MOTCUA_EXTRAS-dev}
.venv/bin/python -m pip install -q -e ".${extras:+[$extras]}"
