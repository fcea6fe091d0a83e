#!/usr/bin/env bash
# The browser of the browser tests (tests/e2e): Debian's Chromium and ChromeDriver,
# installed with apt when missing (as root, as in CI), and axe-core from the npm
# registry into tests/e2e/node_modules (gitignored). Test tools never download a
# browser of their own.
set -euo pipefail
cd "$(dirname "$0")/.."

AXE_CORE_VERSION=4.14.1
AXE_DIR=tests/e2e

if ! command -v chromium >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            SUDO="sudo"
        else
            echo "Chromium is missing and installing it needs root: run this as root." >&2
            exit 1
        fi
    fi
    echo "Installing Debian's chromium and chromium-driver"
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends \
        chromium chromium-driver
fi
chromium --version 2>/dev/null | head -n 1

installed_axe() {
    node -p "require('./$AXE_DIR/node_modules/axe-core/package.json').version" 2>/dev/null || true
}

if [ "$(installed_axe)" = "$AXE_CORE_VERSION" ]; then
    echo "axe-core $AXE_CORE_VERSION is installed"
elif command -v npm >/dev/null 2>&1; then
    echo "Installing axe-core $AXE_CORE_VERSION"
    for _ in 1 2; do
        npm install --prefix "$AXE_DIR" --no-save --no-package-lock --no-audit --no-fund \
            --loglevel=error "axe-core@$AXE_CORE_VERSION" && break
        sleep 5
    done
    if [ "$(installed_axe)" != "$AXE_CORE_VERSION" ]; then
        echo "axe-core did not install: the accessibility tests fall back to basic checks." >&2
    fi
else
    echo "npm is missing: the accessibility tests fall back to basic checks without axe-core." >&2
fi
