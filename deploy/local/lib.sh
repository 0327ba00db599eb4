# Shared by deploy/local/up.sh and deploy/local/down.sh (sourced, not run).
# Knows where the run-time files are and how to tell a live process of ours from anything else.

LOCAL="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$LOCAL/../.." && pwd)"
RUN="$LOCAL/run"
PIDS="$RUN/pids"
LOGS="$RUN/logs"
KAFKA_SH="$LOCAL/kafka/kafka.sh"
# Every service JVM carries this marker (-Dsiplane.local=<name>), so a PID that was reused by another program is
# never taken for one of ours.
MARKER="-Dsiplane.local="
# Seconds a service gets between SIGTERM and SIGKILL.
STOP_TIMEOUT="${STOP_TIMEOUT:-20}"

if [ -n "${JAVA_HOME:-}" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi

log() { printf '[%s] %s\n' "$SCRIPT" "$*" >&2; }

# The PID in pids/<name>.pid when it is a live service JVM of ours started under that name; nothing otherwise.
service_pid() {
    local f="$PIDS/$1.pid" pid
    [ -f "$f" ] || return 0
    pid="$(tr -dc '0-9' <"$f")"
    [ -n "$pid" ] || return 0
    if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$MARKER$1 "; then
        echo "$pid"
    fi
}

# The PID in pids/up.pid when it is a live up.sh (foreground mode) of this checkout: an up.sh that holds this
# checkout's lock file open (it may have been started by a relative path).
up_pid() {
    local f="$PIDS/up.pid" pid
    [ -f "$f" ] || return 0
    pid="$(tr -dc '0-9' <"$f")"
    [ -n "$pid" ] || return 0
    if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'up\.sh' \
        && [ "$(readlink "/proc/$pid/fd/9" 2>/dev/null)" = "$RUN/up.lock" ]; then
        echo "$pid"
    fi
}

# The PID of the local Kafka broker (kafka.sh's PID file) when it is a live broker.
kafka_pid() {
    local f="$RUN/kafka.pid" pid
    [ -f "$f" ] || return 0
    pid="$(tr -dc '0-9' <"$f")"
    [ -n "$pid" ] || return 0
    if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'kafka\.Kafka'; then
        echo "$pid"
    fi
}

# Service names that have a PID file, in stop order (the reverse of up.sh's start order): the edge, the registrar,
# the location service, then the b2buas (highest first).
pidfile_names() {
    local names=() f n
    [ -f "$PIDS/edge-proxy.pid" ] && names+=(edge-proxy)
    [ -f "$PIDS/registrar-service.pid" ] && names+=(registrar-service)
    [ -f "$PIDS/location-service.pid" ] && names+=(location-service)
    for f in $(ls "$PIDS"/b2bua-*.pid 2>/dev/null | sort -t- -k2 -n -r); do
        n="$(basename "$f" .pid)"
        names+=("$n")
    done
    [ "${#names[@]}" -gt 0 ] && printf '%s\n' "${names[@]}"
    return 0
}

# SIGTERM, wait up to STOP_TIMEOUT s, then SIGKILL. Only ever called with a PID verified to be ours.
stop_pid() {
    local name=$1 pid=$2 i
    kill -TERM "$pid" 2>/dev/null || return 0
    for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    log "$name (PID $pid) still alive after $STOP_TIMEOUT s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    log "could not kill $name (PID $pid)"
    return 1
}

# Stops one service by its PID file (if it is a live process of ours) and removes the PID file.
stop_service() {
    local name=$1 pid
    pid="$(service_pid "$name")"
    if [ -n "$pid" ]; then
        log "stopping $name (PID $pid)"
        stop_pid "$name" "$pid" || return 1
    fi
    rm -f "$PIDS/$name.pid"
}

# Stops every service that has a PID file, in reverse start order, then the broker.
stop_all() {
    local name rc=0
    for name in $(pidfile_names); do
        stop_service "$name" || rc=1
    done
    if [ -n "$(kafka_pid)" ]; then
        "$KAFKA_SH" stop 9>&- || rc=1
    fi
    return $rc
}
