#!/usr/bin/env bash
# Installs Debian's Chromium (for the Playwright dashboard test) when it is missing.
# Playwright is always launched with executable_path=/usr/bin/chromium: it never downloads
# a browser of its own (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD keeps it that way).
set -euo pipefail
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

if [ -x /usr/bin/chromium ]; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
echo "installing chromium from the Debian archive" >&2
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium
/usr/bin/chromium --version >&2
