#!/usr/bin/env bash
# A real single-node KRaft Kafka broker for deploy/local/ and end-to-end tests, run from the Kafka
# jars (no container engine). Kafka 4.1.2, the release of the Quarkus 3.33.2 BOM's kafka-clients.
#
#   deploy/local/kafka/kafka.sh start    fetch the jars if missing, format storage once, start the
#                                        broker in the background, wait until it answers metadata
#   deploy/local/kafka/kafka.sh topics   create sip.registrations, sip.subscribers (compacted) and
#                                        sip.calls (delete), 3 partitions, RF 1; idempotent
#   deploy/local/kafka/kafka.sh status   is it running, and what the broker says (cluster, topics)
#   deploy/local/kafka/kafka.sh stop     SIGTERM the broker by its PID file, SIGKILL after 30 s
#   deploy/local/kafka/kafka.sh wipe     delete data and logs (broker must be stopped)
#
# Environment: KAFKA_PORT (default 19092), KAFKA_CONTROLLER_PORT (19093), KAFKA_RUN_DIR (deploy/local/run),
# KAFKA_LIB_DIR (deploy/local/run/kafka-lib), KAFKA_HEAP_OPTS
# (-Xms256m -Xmx512m), KAFKA_START_TIMEOUT seconds (60), JAVA_HOME (else java on the PATH).
# Everything it writes is under deploy/local/run/ (gitignored); see deploy/local/README.md.
#
# Measured start time (jar fetch excluded; 2 cores shared with other builds, load average 10-15):
# 7.5-10 s from 'start' to a broker answering metadata on already-formatted storage, of which the
# broker itself takes 4-5.5 s (first log line to "Kafka Server started"), the rest is JVM start-up of
# the broker and of the readiness check. The first start on fresh storage also formats it and compiles
# LocalKafkaAdmin.java: 12-19 s. Quicker on an idle machine.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
# KAFKA_RUN_DIR lets a test run its own broker beside the local system; the jars are shared.
RUN="${KAFKA_RUN_DIR:-$ROOT/deploy/local/run}"
LIB="${KAFKA_LIB_DIR:-$ROOT/deploy/local/run/kafka-lib}"
DATA="$RUN/kafka-data"
LOGS="$RUN/kafka-logs"
CONF="$RUN/kafka"
PIDFILE="$RUN/kafka.pid"

KAFKA_PORT="${KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-19093}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-60}"
BOOTSTRAP="127.0.0.1:$KAFKA_PORT"
# The pom is the one place that names the Kafka version.
KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$HERE/pom.xml")"

if [ -n "${JAVA_HOME:-}" ]; then JAVA="$JAVA_HOME/bin/java"; JAVAC="$JAVA_HOME/bin/javac"; else JAVA=java; JAVAC=javac; fi

log() { printf '[kafka.sh] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

usage() {
    sed -n '2,/^set -euo/{/^#/s/^# \{0,1\}//p}' "${BASH_SOURCE[0]}" >&2
    exit 2
}

# The PID in the PID file when it is a live Kafka broker of ours; nothing otherwise.
# A PID file whose process is gone, or whose PID now belongs to another program, is stale.
broker_pid() {
    [ -f "$PIDFILE" ] || return 0
    local pid
    pid="$(tr -dc '0-9' <"$PIDFILE")"
    [ -n "$pid" ] || return 0
    if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'kafka\.Kafka'; then
        echo "$pid"
    fi
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The jars: fetched by Maven into a temporary directory and moved into place, so an interrupted
# fetch never leaves a half-filled kafka-lib that looks complete.
fetch_jars() {
    if [ -f "$LIB/kafka_2.13-$KAFKA_VERSION.jar" ] && [ -f "$LIB/.complete" ]; then return 0; fi
    log "fetching the Kafka $KAFKA_VERSION jars into $LIB (once) ..."
    local tmp="$LIB.tmp"
    rm -rf "$tmp"
    mkdir -p "$RUN" "$(dirname "$LIB")"
    "$ROOT/mvnw" -q -B -ntp -f "$HERE/pom.xml" dependency:copy-dependencies -DoutputDirectory="$tmp" \
        || die "could not fetch the Kafka jars (mvnw -f deploy/local/kafka/pom.xml dependency:copy-dependencies)"
    touch "$tmp/.complete"
    rm -rf "$LIB"
    mv "$tmp" "$LIB"
}

# LocalKafkaAdmin.java compiled once (and again when the source changes), so readiness checks and
# topic commands do not pay for a compilation on every call.
admin() {
    local classes="$RUN/kafka-admin-classes"
    if [ ! -f "$classes/LocalKafkaAdmin.class" ] || [ "$HERE/LocalKafkaAdmin.java" -nt "$classes/LocalKafkaAdmin.class" ]; then
        rm -rf "$classes"
        mkdir -p "$classes"
        "$JAVAC" -nowarn -d "$classes" -cp "$LIB/*" "$HERE/LocalKafkaAdmin.java" \
            || die "could not compile $HERE/LocalKafkaAdmin.java"
    fi
    "$JAVA" -Xmx128m -XX:TieredStopAtLevel=1 -Xshare:auto \
        -Dlog4j2.configurationFile="$HERE/log4j2-tools.xml" \
        -cp "$classes:$LIB/*" LocalKafkaAdmin "$@"
}

render_config() {
    mkdir -p "$CONF"
    sed -e "s|@KAFKA_PORT@|$KAFKA_PORT|g" \
        -e "s|@KAFKA_CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" \
        -e "s|@KAFKA_DATA_DIR@|$DATA|g" \
        "$HERE/server.properties" >"$CONF/server.properties"
}

# Formats the storage directory with a fresh cluster id, only when it was never formatted:
# a later start reuses the data (and the cluster id) of the earlier ones.
format_storage() {
    if [ -f "$DATA/meta.properties" ]; then return 0; fi
    local cluster_id
    cluster_id="$("$JAVA" -Dlog4j2.configurationFile="$HERE/log4j2-tools.xml" -cp "$LIB/*" kafka.tools.StorageTool random-uuid)"
    log "formatting $DATA (cluster id $cluster_id)"
    mkdir -p "$DATA"
    "$JAVA" -Dlog4j2.configurationFile="$HERE/log4j2-tools.xml" -cp "$LIB/*" \
        kafka.tools.StorageTool format --config "$CONF/server.properties" --cluster-id "$cluster_id" --ignore-formatted \
        >"$LOGS/format.out" 2>&1 || { cat "$LOGS/format.out" >&2; die "storage format failed"; }
}

start() {
    local pid
    pid="$(broker_pid)"
    if [ -n "$pid" ]; then
        die "a Kafka broker is already running (PID $pid from $PIDFILE, $BOOTSTRAP); run '$0 stop' first"
    fi
    rm -f "$PIDFILE"
    for port in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
        if port_open "$port"; then
            die "port 127.0.0.1:$port is already in use by another process (not a broker of $PIDFILE); set KAFKA_PORT / KAFKA_CONTROLLER_PORT"
        fi
    done
    command -v "$JAVA" >/dev/null 2>&1 || die "no java found: install JDK 17 or set JAVA_HOME"

    fetch_jars
    mkdir -p "$LOGS"
    render_config
    local t0
    t0="$(date +%s%N)"
    format_storage

    # server.log is appended to across runs: remember where this run begins, for fail_start.
    LOG_OFFSET=$(($(stat -c %s "$LOGS/server.log" 2>/dev/null || echo 0) + 1))
    log "starting Kafka $KAFKA_VERSION on $BOOTSTRAP (controller 127.0.0.1:$KAFKA_CONTROLLER_PORT), logs in $LOGS"
    # shellcheck disable=SC2086 # KAFKA_HEAP_OPTS is a list of JVM flags
    nohup "$JAVA" $KAFKA_HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
        -Dkafka.logs.dir="$LOGS" -Dlog4j2.configurationFile="$HERE/log4j2.xml" \
        -cp "$LIB/*" kafka.Kafka "$CONF/server.properties" \
        </dev/null >"$LOGS/kafka.out" 2>&1 &
    pid=$!
    echo "$pid" >"$PIDFILE"

    # Bounded wait for a real metadata answer. The admin JVM starts while the broker JVM starts (they
    # overlap), and gives up at once if the broker process exits.
    if ! admin ready "$BOOTSTRAP" "$KAFKA_START_TIMEOUT" "$pid" || ! kill -0 "$pid" 2>/dev/null; then
        if kill -0 "$pid" 2>/dev/null; then
            fail_start "the broker did not answer metadata requests on $BOOTSTRAP within $KAFKA_START_TIMEOUT s"
        fi
        fail_start "the broker process $pid exited during start-up"
    fi
    local ms=$((($(date +%s%N) - t0) / 1000000))
    log "Kafka is ready on $BOOTSTRAP (PID $pid) after $((ms / 1000)).$(printf '%03d' $((ms % 1000))) s"
}

# Start-up failed: show why, stop what we started, exit non-zero.
fail_start() {
    log "ERROR: $1"
    if [ -f "$LOGS/server.log" ] && [ "$(stat -c %s "$LOGS/server.log")" -ge "${LOG_OFFSET:-1}" ]; then
        log "--- last lines of $LOGS/server.log (this run) ---"
        tail -c +"${LOG_OFFSET:-1}" "$LOGS/server.log" | tail -n 40 >&2
    fi
    if [ -s "$LOGS/kafka.out" ]; then
        log "--- last lines of $LOGS/kafka.out ---"
        tail -n 20 "$LOGS/kafka.out" >&2
    fi
    local pid
    pid="$(broker_pid)"
    if [ -n "$pid" ]; then stop_pid "$pid"; fi
    rm -f "$PIDFILE"
    exit 1
}

stop_pid() {
    local pid=$1 i
    kill -TERM "$pid" 2>/dev/null || return 0
    # Controlled shutdown of a combined broker+controller takes a few seconds.
    for ((i = 0; i < 150; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.2
    done
    log "broker $pid still alive after 30 s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    die "could not kill broker $pid"
}

stop() {
    local pid
    pid="$(broker_pid)"
    if [ -z "$pid" ]; then
        if [ -f "$PIDFILE" ]; then
            log "no broker running (removing stale PID file $PIDFILE)"
            rm -f "$PIDFILE"
        else
            log "no broker running"
        fi
        return 0
    fi
    log "stopping Kafka (PID $pid)"
    stop_pid "$pid"
    rm -f "$PIDFILE"
    log "stopped"
}

status() {
    local pid
    pid="$(broker_pid)"
    if [ -z "$pid" ]; then
        log "not running"
        return 3
    fi
    log "running: PID $pid, $BOOTSTRAP, data $DATA, logs $LOGS"
    admin status "$BOOTSTRAP"
}

topics() {
    [ -n "$(broker_pid)" ] || die "no broker running; run '$0 start' first"
    admin topics "$BOOTSTRAP"
}

wipe() {
    [ -z "$(broker_pid)" ] || die "the broker is running; run '$0 stop' first"
    log "deleting $DATA, $LOGS and $CONF"
    rm -rf "$DATA" "$LOGS" "$CONF" "$RUN/kafka-admin-classes"
    rm -f "$PIDFILE"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    topics) topics ;;
    wipe) wipe ;;
    *) usage ;;
esac
