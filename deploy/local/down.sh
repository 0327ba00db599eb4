#!/usr/bin/env bash
# Stops the local system started by deploy/local/up.sh (detached or in the foreground): the services by their PID
# files in reverse start order (SIGTERM, SIGKILL after STOP_TIMEOUT s, default 20), then the Kafka broker
# (kafka/kafka.sh stop). Only ever signals PIDs that are live processes of ours. Keeps data and logs; see
# deploy/local/README.md for wiping them.
set -euo pipefail

SCRIPT=down.sh
# shellcheck source=deploy/local/lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

case "${1:-}" in
    "") ;;
    -h | --help) sed -n '2,/^set -euo/{/^#/s/^# \{0,1\}//p}' "${BASH_SOURCE[0]}" >&2; exit 2 ;;
    *) log "unknown argument: $1"; exit 2 ;;
esac

rc=0
# A foreground up.sh stops its own services when signalled; let it, and wait for it.
up="$(up_pid)"
if [ -n "$up" ]; then
    log "asking the foreground up.sh (PID $up) to stop everything"
    kill -TERM "$up" 2>/dev/null || true
    for ((i = 0; i < (STOP_TIMEOUT + 30) * 10; i++)); do
        kill -0 "$up" 2>/dev/null || break
        sleep 0.1
    done
    kill -0 "$up" 2>/dev/null && { log "up.sh (PID $up) did not exit; stopping the services directly"; rc=1; }
fi
rm -f "$PIDS/up.pid"

# Whatever is left (a detached system, or leftovers): by the PID files.
if [ -d "$PIDS" ] && [ -n "$(pidfile_names)" ] || [ -n "$(kafka_pid)" ]; then
    stop_all || rc=1
else
    [ -n "$up" ] || log "nothing running"
fi
exit $rc
