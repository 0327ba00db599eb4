#!/usr/bin/env bash
# Runs every test of the project: ./test.sh [extra Maven arguments]
# Installs what the tests need when it is missing, so it works on a fresh machine
# (CI runs it as root with CI=true and no stdin).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

log() { printf '[test.sh] %s\n' "$*" >&2; }

# Run a command as root: directly when we are root, else through sudo.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        # Ask for a password only when someone is there to type it.
        if [ -t 0 ]; then sudo "$@"; else sudo -n "$@"; fi
    else
        log "need root to run: $* (no sudo available)"
        return 1
    fi
}

# JDK 17 is the one requirement the script does not install (README.md).
if ! command -v java >/dev/null 2>&1 && [ -z "${JAVA_HOME:-}" ]; then
    log "no JDK found: install JDK 17 (e.g. apt-get install openjdk-17-jdk-headless) or set JAVA_HOME"
    exit 1
fi

# SIPp (Debian package sip-tester) is the external SIP peer of the end-to-end tests.
if ! command -v sipp >/dev/null 2>&1; then
    log "sipp not found: installing the Debian package sip-tester"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends sip-tester
    command -v sipp >/dev/null 2>&1 || { log "sipp still missing after install"; exit 1; }
fi

# The independent conformance corpus lives beside the repository, not in it.
corpus="../shared/corpus"
if [ ! -d "$corpus" ]; then
    log "WARNING: conformance corpus not found at $(pwd)/$corpus;"
    log "WARNING: tests that read it will be skipped or fail."
fi

exec ./mvnw -B -ntp verify "$@"
