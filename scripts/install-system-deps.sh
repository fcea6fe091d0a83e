#!/usr/bin/env bash
# Debian packages that the project needs besides Python:
# - gettext (xgettext, msgmerge, msgfmt) for `make messages` and `make messages-check`;
# - Pango, HarfBuzz and fonts for WeasyPrint, which renders the notice PDFs
#   (GET /api/notices/<slug>/versions/<n>/pdf/).
# - a Java runtime for the Nu HTML Checker (vnu.jar) of the browser tests.
# Installs only what is missing (as root, as in CI); does nothing otherwise.
set -euo pipefail

missing=()
for tool in xgettext msgmerge msguniq msgfmt; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        missing+=(gettext)
        break
    fi
done
# WeasyPrint loads these libraries by name (cffi); the fonts are what the PDFs use.
for package in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if ! command -v java >/dev/null 2>&1; then
    missing+=(default-jre-headless)
fi

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "Missing ${missing[*]}; installing it needs root: run this as root." >&2
        exit 1
    fi
fi
echo "Installing Debian's ${missing[*]}"
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
