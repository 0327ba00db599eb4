#!/usr/bin/env bash
# The whole siplane system on this machine, no container engine: a single-node KRaft Kafka broker,
# location-service, registrar-service, B2BUA_INSTANCES b2bua instances (one Infinispan cluster on loopback) and
# the edge-proxy, each its own JVM. Builds the service jars first when they are missing or older than the sources.
#
#   deploy/local/up.sh            start, wait until ready, print the endpoints, run until Ctrl-C (then stop all)
#   deploy/local/up.sh --detach   start, wait until ready, print the endpoints, return; deploy/local/down.sh stops
#
# Environment (see deploy/local/README.md):
#   SIP_HOST (127.0.0.1)  SIP_PORT (5060)  edge SIP address, UDP and TCP; SIP_HOST is an IP literal
#   SIP_ADVERTISED_HOST   address phones reach the edge at (default SIP_HOST; set it when SIP_HOST is 0.0.0.0)
#   DOMAIN (example.com)  SIP domain and digest realm of the demo subscribers
#   SUBSCRIBERS_CSV       user;password lines provisioned at start (deploy/local/subscribers.csv)
#   B2BUA_INSTANCES (2)   b2bua instances: HTTP 8083, 8084, ...; SIP 5080, 5082, ...; JGroups 7800, 7801, ...
#   AUTH=off              no digest authentication (load tests only)
#   AUTH_ALGORITHMS       digest algorithms offered, first preferred (SHA-256,MD5); MD5,SHA-256 for SIPp 3.6.1
#   DEFAULT_TRUNK         SIP URI for numbers that are not registered users (b2bua static routes 0-9 and +)
#   READY_TIMEOUT (120)   seconds to wait for every service to be ready
#   STOP_TIMEOUT (20)     seconds between SIGTERM and SIGKILL when stopping a service
#   JAVA_OPTS             extra JVM flags for every service (each runs with -Xmx256m)
#   KAFKA_PORT (19092) KAFKA_CONTROLLER_PORT (19093) JAVA_HOME  as for kafka/kafka.sh
set -euo pipefail

SCRIPT=up.sh
# shellcheck source=deploy/local/lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

usage() {
    sed -n '2,/^set -euo/{/^#/s/^# \{0,1\}//p}' "${BASH_SOURCE[0]}" >&2
    exit 2
}

DETACH=0
for arg in "$@"; do
    case "$arg" in
        --detach | -d) DETACH=1 ;;
        -h | --help) usage ;;
        *) log "unknown argument: $arg"; usage ;;
    esac
done

SIP_HOST="${SIP_HOST:-127.0.0.1}"
SIP_PORT="${SIP_PORT:-5060}"
SIP_ADVERTISED_HOST="${SIP_ADVERTISED_HOST:-$SIP_HOST}"
DOMAIN="${DOMAIN:-example.com}"
SUBSCRIBERS_CSV="${SUBSCRIBERS_CSV:-$LOCAL/subscribers.csv}"
B2BUA_INSTANCES="${B2BUA_INSTANCES:-2}"
AUTH="${AUTH:-on}"
AUTH_ALGORITHMS="${AUTH_ALGORITHMS:-}"
DEFAULT_TRUNK="${DEFAULT_TRUNK:-}"
READY_TIMEOUT="${READY_TIMEOUT:-120}"
JAVA_OPTS="${JAVA_OPTS:-}"
export KAFKA_PORT="${KAFKA_PORT:-19092}"
export KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-19093}"
KAFKA_BOOTSTRAP="127.0.0.1:$KAFKA_PORT"

EDGE_HTTP=8080
REGISTRAR_HTTP=8081
LOCATION_HTTP=8082
REGISTRAR_SIP=5070
B2BUA_HTTP0=8083
B2BUA_SIP0=5080
JGROUPS0=7800
JGROUPS_FD_OFFSET=100 # FD_SOCK2 offset in b2bua/src/main/resources/jgroups-tcp-loopback.xml

MODULES=(edge-proxy registrar-service location-service b2bua)

die() { log "ERROR: $*"; exit 1; }

# ---- checks that need nothing started -------------------------------------------------------------------------

[[ "$B2BUA_INSTANCES" =~ ^[1-9][0-9]?$ ]] || die "B2BUA_INSTANCES must be a number from 1 to 99, not '$B2BUA_INSTANCES'"
[[ "$SIP_PORT" =~ ^[0-9]+$ ]] && [ "$SIP_PORT" -gt 0 ] && [ "$SIP_PORT" -lt 65536 ] || die "SIP_PORT must be a port number"
case "$AUTH" in on | off) ;; *) die "AUTH must be 'on' or 'off', not '$AUTH'" ;; esac
[ -f "$SUBSCRIBERS_CSV" ] || die "no subscriber file $SUBSCRIBERS_CSV (SUBSCRIBERS_CSV)"
if [ -n "$DEFAULT_TRUNK" ] && [[ ! "$DEFAULT_TRUNK" =~ ^sips?: ]]; then
    die "DEFAULT_TRUNK must be a SIP URI (sip:host[:port]), not '$DEFAULT_TRUNK'"
fi
if [ "$SIP_ADVERTISED_HOST" = 0.0.0.0 ] || [ "$SIP_ADVERTISED_HOST" = "::" ]; then
    die "SIP_HOST=$SIP_HOST binds every interface: set SIP_ADVERTISED_HOST to the address phones reach"
fi
command -v "$JAVA" >/dev/null 2>&1 || die "no java found: install JDK 17 or set JAVA_HOME"
command -v curl >/dev/null 2>&1 || die "curl is needed for the readiness checks"

mkdir -p "$PIDS" "$LOGS"

# One up.sh at a time: the lock covers the start-up window (and a foreground run); the PID files cover a detached
# system. File descriptor 9 is closed for every child, so the lock dies with this script.
exec 9>"$RUN/up.lock"
if ! flock -n 9; then
    die "another deploy/local/up.sh is starting or running (lock $RUN/up.lock held); stop it with Ctrl-C or deploy/local/down.sh"
fi

B2BUA_NAMES=()
for ((i = 1; i <= B2BUA_INSTANCES; i++)); do B2BUA_NAMES+=("b2bua-$i"); done
ALL_NAMES=(location-service registrar-service "${B2BUA_NAMES[@]}" edge-proxy)

# Already running? Any live process of ours named by a PID file means yes, whatever this run's B2BUA_INSTANCES.
running=()
for f in "$PIDS"/*.pid; do
    [ -e "$f" ] || continue
    n="$(basename "$f" .pid)"
    [ "$n" = up ] && continue
    pid="$(service_pid "$n")"
    if [ -n "$pid" ]; then running+=("$n (PID $pid)"); else rm -f "$f"; fi
done
rm -f "$PIDS/up.pid"
if [ -n "$(kafka_pid)" ]; then running+=("kafka (PID $(kafka_pid))"); fi
if [ "${#running[@]}" -gt 0 ]; then
    die "the local system is already running: ${running[*]}. Stop it first with deploy/local/down.sh. Nothing was started."
fi

# Every port we are about to bind must be free (TCP listening or UDP bound), before anything starts.
PORTS=("$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT" "$EDGE_HTTP" "$REGISTRAR_HTTP" "$LOCATION_HTTP" "$REGISTRAR_SIP" "$SIP_PORT")
for ((i = 0; i < B2BUA_INSTANCES; i++)); do
    PORTS+=($((B2BUA_HTTP0 + i)) $((B2BUA_SIP0 + 2 * i)) $((JGROUPS0 + i)) $((JGROUPS0 + i + JGROUPS_FD_OFFSET)))
done
in_use="$(ss -Hltnu 2>/dev/null | awk '{n = split($5, a, ":"); print a[n]}' | sort -u)"
taken=()
for p in "${PORTS[@]}"; do
    if grep -qx "$p" <<<"$in_use"; then taken+=("$p"); fi
done
if [ "${#taken[@]}" -gt 0 ]; then
    die "port(s) ${taken[*]} already in use by another program (ss -ltnup shows which); nothing was started"
fi

# ---- build what is missing ------------------------------------------------------------------------------------

# A jar is stale when any source of its module, or of the modules it is built from, is newer than it.
needs_build() {
    local m jar
    for m in "${MODULES[@]}"; do
        jar="$ROOT/$m/target/quarkus-app/quarkus-run.jar"
        [ -f "$jar" ] || return 0
        if [ -n "$(find "$ROOT/$m/src/main" "$ROOT/$m/pom.xml" "$ROOT/sip-core/src/main" "$ROOT/sip-core/pom.xml" \
            "$ROOT/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]; then
            return 0
        fi
    done
    return 1
}
if needs_build; then
    log "building the services (./mvnw -q -B -DskipTests package -pl ${MODULES[*]} -am) ..."
    b0=$SECONDS
    (cd "$ROOT" && ./mvnw -q -B -DskipTests package -pl "$(IFS=,; echo "${MODULES[*]}")" -am 9>&-) \
        || die "the build failed; nothing was started"
    log "built in $((SECONDS - b0)) s"
fi

# ---- local secrets, generated once ----------------------------------------------------------------------------

SECRETS="$RUN/secrets.env"
if [ ! -f "$SECRETS" ]; then
    (
        umask 077
        {
            echo "# Generated by deploy/local/up.sh for the local system only; never commit. Delete to regenerate."
            echo "NONCE_SECRET=$(head -c 32 /dev/urandom | base64)"
            echo "FLOW_TOKEN_SECRET=$(head -c 32 /dev/urandom | base64)"
            echo "ADMIN_TOKEN=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
        } >"$SECRETS"
    )
    log "generated local secrets in $SECRETS"
fi
# shellcheck source=/dev/null
. "$SECRETS"

# ---- starting and stopping ------------------------------------------------------------------------------------

T0_NS="$(date +%s%N)"
STARTED=()

cleanup() {
    trap - INT TERM
    if [ -n "${SLEEP_PID:-}" ]; then kill "$SLEEP_PID" 2>/dev/null || true; fi
    log "stopping everything ..."
    local i rc=0
    for ((i = ${#STARTED[@]} - 1; i >= 0; i--)); do
        stop_service "${STARTED[$i]}" || rc=1
    done
    if [ -n "$(kafka_pid)" ]; then "$KAFKA_SH" stop 9>&- || rc=1; fi
    rm -f "$PIDS/up.pid"
    log "stopped"
    return $rc
}

fail() {
    log "ERROR: $1"
    if [ -n "${2:-}" ] && [ -f "$LOGS/$2.log" ]; then
        log "--- last lines of $LOGS/$2.log ---"
        tail -n 40 "$LOGS/$2.log" >&2
        log "--- end of $LOGS/$2.log ---"
    fi
    cleanup || true
    exit 1
}

on_signal() {
    log "interrupted"
    cleanup || exit 1
    exit "$1"
}
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

# start_service <name> <module> <http port> [-Dkey=value ...]
start_service() {
    local name=$1 module=$2 http=$3
    shift 3
    local logf="$LOGS/$name.log"
    [ -f "$logf" ] && mv -f "$logf" "$logf.1"
    # Asynchronous commands of a non-interactive shell ignore SIGINT: a Ctrl-C reaches this script only, which
    # then stops the services in order (SIGTERM, Quarkus shuts down gracefully).
    # shellcheck disable=SC2086 # JAVA_OPTS is a list of JVM flags
    nohup "$JAVA" -Xmx256m $JAVA_OPTS "$MARKER$name" \
        -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$http" -Dquarkus.banner.enabled=false \
        "$@" -jar "$ROOT/$module/target/quarkus-app/quarkus-run.jar" </dev/null >"$logf" 2>&1 9>&- &
    echo $! >"$PIDS/$name.pid"
    STARTED+=("$name")
}

http_port() {
    case "$1" in
        edge-proxy) echo $EDGE_HTTP ;;
        registrar-service) echo $REGISTRAR_HTTP ;;
        location-service) echo $LOCATION_HTTP ;;
        b2bua-*) echo $((B2BUA_HTTP0 + ${1#b2bua-} - 1)) ;;
    esac
}

# Ready: /q/health/ready answers 200; a b2bua also sees every instance in its cluster view.
is_ready() {
    local name=$1 body
    body="$(curl -s -f --max-time 2 "http://127.0.0.1:$(http_port "$name")/q/health/ready" 2>/dev/null)" || return 1
    case "$name" in
        b2bua-*) grep -Eq "\"members\" *: *$B2BUA_INSTANCES([^0-9]|\$)" <<<"$body" ;;
        *) return 0 ;;
    esac
}

# Waits (until DEADLINE) for the named services; fails with the log tail of the first that exits or stays unready.
await_ready() {
    local pending=("$@") next name pid
    while [ "${#pending[@]}" -gt 0 ]; do
        next=()
        for name in "${pending[@]}"; do
            pid="$(tr -dc '0-9' <"$PIDS/$name.pid")"
            kill -0 "$pid" 2>/dev/null || fail "$name (PID $pid) exited during start-up" "$name"
            if is_ready "$name"; then
                log "$name ready after $(elapsed) s"
            else
                next+=("$name")
            fi
        done
        pending=("${next[@]+"${next[@]}"}")
        [ "${#pending[@]}" -eq 0 ] && break
        if [ "$SECONDS" -ge "$DEADLINE" ]; then
            fail "not ready within $READY_TIMEOUT s: ${pending[*]}" "${pending[0]}"
        fi
        sleep 0.5
    done
}

elapsed() {
    local ms=$((($(date +%s%N) - T0_NS) / 1000000))
    printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100))
}

DEADLINE=$((SECONDS + READY_TIMEOUT))
[ "$DETACH" -eq 0 ] && echo $$ >"$PIDS/up.pid"

if [ "$AUTH" = off ]; then
    log "WARNING: AUTH=off: every REGISTER is accepted without digest authentication. For load tests only."
fi

# Every service JVM starts first and boots while the broker starts (the start-up is mostly CPU-bound JVM and
# broker boot; overlapping them saves the services' boot time). The b2buas need neither Kafka nor each other; the
# location service and the registrar retry until the broker and the topics are there.
initial_hosts=""
for ((i = 0; i < B2BUA_INSTANCES; i++)); do
    initial_hosts+="${initial_hosts:+,}127.0.0.1[$((JGROUPS0 + i))]"
done
trunk_args=()
# The empty prefix (B2buaConfig: matches every user) cannot be written as a property: SmallRye Config rejects the
# empty map key "". Every number starts with a digit or '+', so those eleven prefixes route every number.
if [ -n "$DEFAULT_TRUNK" ]; then
    for prefix in 0 1 2 3 4 5 6 7 8 9 +; do trunk_args+=("-Db2bua.routing.static-routes.\"$prefix\"=$DEFAULT_TRUNK"); done
fi
for ((i = 1; i <= B2BUA_INSTANCES; i++)); do
    start_service "b2bua-$i" b2bua $((B2BUA_HTTP0 + i - 1)) \
        -Db2bua.instance-id="b2bua-$i" \
        -Db2bua.sip.host=127.0.0.1 -Db2bua.sip.port=$((B2BUA_SIP0 + 2 * (i - 1))) \
        -Db2bua.sip.contact-host="$SIP_ADVERTISED_HOST" -Db2bua.sip.contact-port="$SIP_PORT" \
        -Db2bua.cluster.bind-address=127.0.0.1 -Db2bua.cluster.bind-port=$((JGROUPS0 + i - 1)) \
        -Db2bua.cluster.initial-hosts="$initial_hosts" \
        -Db2bua.routing.location-url="http://127.0.0.1:$LOCATION_HTTP" \
        -Db2bua.cdr.bootstrap-servers="$KAFKA_BOOTSTRAP" \
        "${trunk_args[@]+"${trunk_args[@]}"}"
done

start_service location-service location-service $LOCATION_HTTP \
    -Dkafka.bootstrap.servers="$KAFKA_BOOTSTRAP"

registrar_args=(
    -Dregistrar.domain="$DOMAIN"
    -Dregistrar.instance-id=registrar-1
    -Dregistrar.sip.host=127.0.0.1 -Dregistrar.sip.port=$REGISTRAR_SIP
    -Dregistrar.kafka.bootstrap-servers="$KAFKA_BOOTSTRAP" -Dregistrar.kafka.create-topics=false
    -Dregistrar.auth.nonce-secret="$NONCE_SECRET"
    -Dregistrar.admin.token="$ADMIN_TOKEN"
    -Dregistrar.provisioning.csv="$SUBSCRIBERS_CSV"
)
[ "$AUTH" = off ] && registrar_args+=(-Dregistrar.auth.enabled=false)
[ -n "$AUTH_ALGORITHMS" ] && registrar_args+=(-Dregistrar.auth.algorithms="$AUTH_ALGORITHMS")
start_service registrar-service registrar-service $REGISTRAR_HTTP "${registrar_args[@]}"

# The edge is ready once a registrar answers its OPTIONS pings: ping every second locally. Calls go to the
# b2bua pool by Call-ID hash; each instance is named by its b2bua.instance-id (ADR 0009).
b2bua_pool=""
for ((i = 1; i <= B2BUA_INSTANCES; i++)); do
    b2bua_pool+="${b2bua_pool:+,}b2bua-$i@127.0.0.1:$((B2BUA_SIP0 + 2 * (i - 1)))"
done
start_service edge-proxy edge-proxy $EDGE_HTTP \
    -Dedge.b2bua.instances="$b2bua_pool" \
    -Dedge.instance-id=edge-1 \
    -Dedge.sip.host="$SIP_HOST" -Dedge.sip.port="$SIP_PORT" -Dedge.sip.transports=udp,tcp \
    -Dedge.sip.advertised-host="$SIP_ADVERTISED_HOST" \
    -Dedge.registrar.instances=127.0.0.1:$REGISTRAR_SIP \
    -Dedge.flow-token.secret="$FLOW_TOKEN_SECRET" \
    -Dedge.health.interval=1s

# The broker, then its topics (kafka.sh topics: the partitions and cleanup policies of ADR 0005; the registrar
# does not create them here).
KAFKA_START_TIMEOUT="$READY_TIMEOUT" "$KAFKA_SH" start 9>&- || fail "the Kafka broker did not start (see above)"
"$KAFKA_SH" topics 9>&- || fail "could not create the Kafka topics (see above)"
log "kafka ready after $(elapsed) s"

await_ready "${ALL_NAMES[@]}"
READY_AFTER="$(elapsed)"

# ---- what is where --------------------------------------------------------------------------------------------

enc_aor() { printf 'sip%%3A%s%%40%s' "$1" "$DOMAIN"; }
first_user="$(grep -v '^[[:space:]]*#' "$SUBSCRIBERS_CSV" | grep ';' | head -n 1 | cut -d';' -f1)"
first_user="${first_user:-1000}"
users="$(grep -v '^[[:space:]]*#' "$SUBSCRIBERS_CSV" | grep ';' | cut -d';' -f1 | tr '\n' ' ')"

b2bua_lines=""
for ((i = 1; i <= B2BUA_INSTANCES; i++)); do
    b2bua_lines+="$(printf '\n  b2bua-%d            SIP 127.0.0.1:%d  HTTP http://127.0.0.1:%d  JGroups 127.0.0.1:%d' \
        "$i" $((B2BUA_SIP0 + 2 * (i - 1))) $((B2BUA_HTTP0 + i - 1)) $((JGROUPS0 + i - 1)))"
done

cat <<EOF

siplane is up: ready $READY_AFTER s after start (the build excluded).

SIP (phones and SIPp talk to the edge only)
  edge-proxy         sip:$SIP_ADVERTISED_HOST:$SIP_PORT  UDP and TCP (bound to $SIP_HOST), domain $DOMAIN
  registrar-service  SIP 127.0.0.1:$REGISTRAR_SIP (behind the edge)$b2bua_lines
  kafka              $KAFKA_BOOTSTRAP (topics sip.registrations, sip.subscribers, sip.calls)
  demo subscribers   $users(user;password in $SUBSCRIBERS_CSV)
  authentication     $( [ "$AUTH" = off ] && echo "OFF (AUTH=off, load tests only)" || echo "digest, realm $DOMAIN, algorithms ${AUTH_ALGORITHMS:-SHA-256,MD5 (default)}")
  default trunk      ${DEFAULT_TRUNK:-none (numbers that are not registered users get 404)}${DEFAULT_TRUNK:+ for every number (user part starting 0-9 or +) that is not a registered user}
  calls              phone -> edge -> b2bua (by Call-ID hash) -> location lookup -> edge -> phone

REST
  admin token        in $SECRETS (ADMIN_TOKEN)
  subscribers        curl -H "Authorization: Bearer \$ADMIN_TOKEN" http://127.0.0.1:$REGISTRAR_HTTP/v1/subscribers
                     curl -X PUT -H "Authorization: Bearer \$ADMIN_TOKEN" -H 'Content-Type: application/json' \\
                          -d '{"aor":"sip:2000@$DOMAIN","password":"…"}' http://127.0.0.1:$REGISTRAR_HTTP/v1/subscribers/$(printf 'sip%%3A2000%%40%s' "$DOMAIN")
  bindings           curl http://127.0.0.1:$LOCATION_HTTP/v1/locations/$(enc_aor "$first_user")
                     curl http://127.0.0.1:$LOCATION_HTTP/v1/locations        (paged listing)

Health and metrics (every service: edge $EDGE_HTTP, registrar $REGISTRAR_HTTP, location $LOCATION_HTTP, b2bua $B2BUA_HTTP0…$((B2BUA_HTTP0 + B2BUA_INSTANCES - 1)))
  http://127.0.0.1:<port>/q/health/ready   /q/health/live   /q/metrics

Logs   $LOGS/<service>.log, Kafka in $RUN/kafka-logs/
PIDs   $PIDS/<service>.pid, Kafka in $RUN/kafka.pid
EOF

if [ "$DETACH" -eq 1 ]; then
    trap - INT TERM
    printf '\nRunning in the background; stop it with deploy/local/down.sh\n'
    exit 0
fi
printf '\nRunning in the foreground; Ctrl-C stops everything.\n'

# Foreground: watch the services until a signal (the trap stops everything and exits 0) or a service dies.
trap 'cleanup; exit 0' INT TERM
while true; do
    for name in "${STARTED[@]}"; do
        if [ -z "$(service_pid "$name")" ]; then
            fail "$name exited unexpectedly" "$name"
        fi
    done
    if [ -z "$(kafka_pid)" ]; then fail "the Kafka broker exited unexpectedly"; fi
    sleep 2 &
    SLEEP_PID=$!
    wait "$SLEEP_PID" || true
    SLEEP_PID=
done
