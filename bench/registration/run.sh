#!/usr/bin/env bash
# Registration-path benchmark: SIPp REGISTER load over UDP through edge-proxy -> registrar-service -> Kafka
# -> location-service, every service its own packaged JVM, a real single-node KRaft broker (kafka.sh).
#
#   bench/registration/run.sh [noauth|auth|both]      (default: both; each mode starts a fresh system)
#
# What it does, per mode:
#   1. packages the three services if their quarkus-run.jar is missing (./mvnw -q -DskipTests package ...);
#   2. starts a broker with deploy/local/kafka/kafka.sh in its own KAFKA_RUN_DIR (bench/registration/run/,
#      gitignored) on its own ports, then location-service, registrar-service (auth off for `noauth`; MD5
#      offered first for `auth`, the only algorithm SIPp 3.6.1 computes), edge-proxy: each
#      `java $BENCH_HEAP -jar <module>/target/quarkus-app/quarkus-run.jar` with -D config, awaited on
#      /q/health/ready;
#   3. `auth`: provisions BENCH_AUTH_PROCS subscribers through PUT /v1/subscribers/{aor} (bearer token);
#   4. a warm-up step (not judged), then one step per rate: SIPp `-m rate*BENCH_STEP_SECONDS` calls at `-r rate`,
#      bounded by `-timeout`; one REGISTER per call (noauth: REGISTER->200, BENCH_USERS distinct users from an
#      -inf file; auth: REGISTER->401->REGISTER->200, one SIPp process per user, BENCH_AUTH_PROCS in parallel,
#      the rate split between them, because SIPp 3.6.1 cannot expand -inf fields inside [authentication]);
#   5. per step: successful / failed / retransmissions from SIPp's stat CSV, achieved rate, CPU time
#      (utime+stime from /proc/<pid>/stat, before/after) of edge, registrar, location, broker and SIPp per
#      successful registration, the cores used by everything else on the machine, the 1-min load average,
#      and the registrar's mean Kafka publish latency (its Micrometer timer);
#   6. a step is clean when failed == 0, retransmissions == 0 and achieved >= 0.9 x offered; stepping stops
#      after BENCH_MAX_DIRTY overloaded steps in a row (failed calls or achieved < 0.9 x offered). Everything it started is stopped by PID at exit (trap).
#
# Output: bench/registration/results/<UTC stamp>/ (gitignored): steps.csv (one line per step), summary.txt,
# meta.txt, the services' logs and SIPp's files. A summary table is printed at the end.
#
# Environment (defaults in brackets):
#   BENCH_RATES_NOAUTH [1000 2000 4000 6000 8000 10000 12000 14000]  offered rates (REGISTER/s), noauth
#   BENCH_RATES_AUTH   [500 1000 2000 3000 4000 6000]               offered rates (registrations/s), auth
#   BENCH_STEP_SECONDS [10]   length of a step at the offered rate (calls = rate x this)
#   BENCH_WARMUP_RATE [1000] BENCH_WARMUP_SECONDS [20]   JIT warm-up before the first step
#   BENCH_PAUSE [3]           seconds between steps
#   BENCH_MAX_DIRTY [2]       stop after this many overloaded steps in a row (failed calls or < 0.9 x offered)
#   BENCH_USERS [20000]       distinct users of the noauth run
#   BENCH_AUTH_PROCS [8]      parallel SIPp processes (= distinct users) of the auth run
#   BENCH_HEAP [-Xms512m -Xmx512m]   heap of each service JVM
#   BENCH_JAVA_OPTS []        extra JVM options for the three services (e.g. -XX:+FlightRecorder)
#   BENCH_REGISTRAR_OPTS []   extra options for the registrar only (e.g. -Dregistrar.sip.worker-threads=64)
#   BENCH_PORT_BASE [25000]   edge SIP +60, registrar SIP +70, SIPp +100.., HTTP +80/+81/+82, Kafka +92/+93
#   BENCH_KEEP_RUNNING [0]    1: leave the system up after the steps until Ctrl-C (for jcmd/JFR by hand)
# Needs: JDK 17, sipp (3.6.1, Debian sip-tester), curl, awk.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
MODE="${1:-both}"
case "$MODE" in noauth | auth | both) ;; -h | --help) sed -n '2,/^set -euo/{/^#/s/^# \{0,1\}//p}' "$0"; exit 0 ;;
    *) echo "usage: $0 [noauth|auth|both]" >&2; exit 2 ;; esac

RATES_NOAUTH="${BENCH_RATES_NOAUTH:-1000 2000 4000 6000 8000 10000 12000 14000}"
RATES_AUTH="${BENCH_RATES_AUTH:-500 1000 2000 3000 4000 6000}"
STEP_SECONDS="${BENCH_STEP_SECONDS:-10}"
WARMUP_RATE="${BENCH_WARMUP_RATE:-1000}"
WARMUP_SECONDS="${BENCH_WARMUP_SECONDS:-20}"
PAUSE="${BENCH_PAUSE:-3}"
MAX_DIRTY="${BENCH_MAX_DIRTY:-2}"
USERS="${BENCH_USERS:-20000}"
AUTH_PROCS="${BENCH_AUTH_PROCS:-8}"
HEAP="${BENCH_HEAP:--Xms512m -Xmx512m}"
JAVA_OPTS="${BENCH_JAVA_OPTS:-}"
BASE="${BENCH_PORT_BASE:-25000}"
KEEP_RUNNING="${BENCH_KEEP_RUNNING:-0}"

EDGE_SIP=$((BASE + 60)); REGISTRAR_SIP=$((BASE + 70)); SIPP_PORT=$((BASE + 100))
EDGE_HTTP=$((BASE + 80)); REGISTRAR_HTTP=$((BASE + 81)); LOCATION_HTTP=$((BASE + 82))
KAFKA_PORT=$((BASE + 92)); KAFKA_CONTROLLER_PORT=$((BASE + 93))
ADMIN_TOKEN="regbench-admin-token"
CLK_TCK="$(getconf CLK_TCK)"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RUN="$HERE/run"
OUT="$HERE/results/$STAMP"
mkdir -p "$RUN" "$OUT"
CSV="$OUT/steps.csv"

log() { printf '[regbench %s] %s\n' "$(date -u +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---- processes we started, stopped by PID only ----------------------------------------------------------
declare -A SVC_PID=()
SIPP_PIDS=()
KAFKA_STARTED=0

kafka_sh() {
    KAFKA_RUN_DIR="$RUN/kafka" KAFKA_PORT="$KAFKA_PORT" KAFKA_CONTROLLER_PORT="$KAFKA_CONTROLLER_PORT" \
        KAFKA_HEAP_OPTS="${BENCH_KAFKA_HEAP:--Xms512m -Xmx512m}" \
        bash "$ROOT/deploy/local/kafka/kafka.sh" "$@"
}

stop_pid() { # pid name
    local pid="$1" i
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    log "$2 ($pid) still alive after 10 s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
}

stop_system() {
    local p name
    for p in "${SIPP_PIDS[@]}"; do stop_pid "$p" sipp; done
    SIPP_PIDS=()
    for name in edge registrar location; do
        if [ -n "${SVC_PID[$name]:-}" ]; then stop_pid "${SVC_PID[$name]}" "$name"; unset "SVC_PID[$name]"; fi
    done
    if [ "$KAFKA_STARTED" = 1 ]; then kafka_sh stop >>"$OUT/kafka.sh.log" 2>&1 || true; KAFKA_STARTED=0; fi
}
trap 'stop_system' EXIT
trap 'exit 130' INT TERM

# ---- system start --------------------------------------------------------------------------------------
port_busy() { ss -Htuln "sport = :$1" 2>/dev/null | grep -q .; }

package_if_missing() {
    local m missing=0
    for m in edge-proxy registrar-service location-service; do
        [ -f "$ROOT/$m/target/quarkus-app/quarkus-run.jar" ] || missing=1
    done
    if [ "$missing" = 1 ]; then
        log "packaging the services (jars missing)"
        (cd "$ROOT" && ./mvnw -q -DskipTests package -pl edge-proxy,registrar-service,location-service -am)
    fi
}

start_service() { # name module http-port -Dk=v...
    local name="$1" module="$2" http="$3"; shift 3
    # shellcheck disable=SC2086 # HEAP and JAVA_OPTS are option lists
    "$JAVA" $HEAP $JAVA_OPTS -Dquarkus.http.port="$http" "$@" \
        -jar "$ROOT/$module/target/quarkus-app/quarkus-run.jar" >"$OUT/$name.log" 2>&1 &
    SVC_PID[$name]=$!
    log "$name started (PID ${SVC_PID[$name]}, HTTP $http)"
}

await_ready() { # name http-port timeout-s
    local name="$1" http="$2" deadline=$((SECONDS + $3))
    while [ "$SECONDS" -lt "$deadline" ]; do
        kill -0 "${SVC_PID[$name]}" 2>/dev/null || { tail -30 "$OUT/$name.log" >&2; die "$name exited"; }
        if curl -fsS -o /dev/null -m 2 "http://127.0.0.1:$http/q/health/ready" 2>/dev/null; then
            log "$name ready"; return 0
        fi
        sleep 0.3
    done
    tail -30 "$OUT/$name.log" >&2
    die "$name not ready within $3 s"
}

start_system() { # auth: true|false
    local auth="$1" p
    for p in "$EDGE_SIP" "$REGISTRAR_SIP" "$EDGE_HTTP" "$REGISTRAR_HTTP" "$LOCATION_HTTP" "$KAFKA_PORT" \
        "$KAFKA_CONTROLLER_PORT"; do
        port_busy "$p" && die "port $p is in use (set BENCH_PORT_BASE)"
    done
    # a fresh broker per mode: the topic holds only this run's events
    kafka_sh stop >>"$OUT/kafka.sh.log" 2>&1 || true
    kafka_sh wipe >>"$OUT/kafka.sh.log" 2>&1 || true
    KAFKA_STARTED=1
    kafka_sh start >>"$OUT/kafka.sh.log" 2>&1 || { cat "$OUT/kafka.sh.log" >&2; die "kafka.sh start failed"; }
    kafka_sh topics >>"$OUT/kafka.sh.log" 2>&1 || die "kafka.sh topics failed"
    SVC_PID[kafka]="$(tr -dc '0-9' <"$RUN/kafka/kafka.pid")"
    log "broker ready (PID ${SVC_PID[kafka]}, 127.0.0.1:$KAFKA_PORT)"

    start_service location location-service "$LOCATION_HTTP" \
        -Dkafka.bootstrap.servers=127.0.0.1:"$KAFKA_PORT"
    start_service registrar registrar-service "$REGISTRAR_HTTP" \
        -Dregistrar.kafka.bootstrap-servers=127.0.0.1:"$KAFKA_PORT" \
        -Dregistrar.sip.port="$REGISTRAR_SIP" \
        -Dregistrar.instance-id=registrar-1 \
        -Dregistrar.admin.token="$ADMIN_TOKEN" \
        -Dregistrar.auth.enabled="$auth" \
        -Dregistrar.auth.nonce-secret=cmVnYmVuY2gtbm9uY2Utc2VjcmV0LTMyLWJ5dGVzISE= \
        -Dregistrar.auth.algorithms=MD5,SHA-256 \
        ${BENCH_REGISTRAR_OPTS:-}
    start_service edge edge-proxy "$EDGE_HTTP" \
        -Dedge.sip.port="$EDGE_SIP" \
        -Dedge.registrar.instances=127.0.0.1:"$REGISTRAR_SIP" \
        -Dedge.flow-token.secret=cmVnYmVuY2gtZmxvdy10b2tlbi1zZWNyZXQ= \
        -Dedge.instance-id=edge-1
    await_ready location "$LOCATION_HTTP" 120
    await_ready registrar "$REGISTRAR_HTTP" 120
    await_ready edge "$EDGE_HTTP" 120
}

provision() { # user password
    local aor="sip:$1@example.com" code
    code="$(curl -sS -o "$OUT/provision.out" -w '%{http_code}' -m 10 -X PUT \
        -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
        --data "{\"aor\":\"$aor\",\"password\":\"$2\"}" \
        "http://127.0.0.1:$REGISTRAR_HTTP/v1/subscribers/sip%3A$1%40example.com")"
    case "$code" in 200 | 201 | 204) ;; *) cat "$OUT/provision.out" >&2; die "provisioning $aor: HTTP $code" ;; esac
}

# ---- measurement ---------------------------------------------------------------------------------------
proc_ticks() { # utime+stime of a live PID, in clock ticks (fields 14 and 15; comm may hold spaces)
    sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'
}
machine_busy_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
publish_metrics() { # "<sum seconds> <count>" of the registrar's publish-latency timer
    curl -fsS -m 5 "http://127.0.0.1:$REGISTRAR_HTTP/q/metrics" 2>/dev/null | awk '
        /^siplane_registrar_publish_latency_seconds_sum/ {s = $NF}
        /^siplane_registrar_publish_latency_seconds_count/ {c = $NF}
        END {printf "%s %s\n", (s == "" ? 0 : s), (c == "" ? 0 : c)}'
}
# counter from the last line of a SIPp stat CSV (semicolon-separated, header first)
stat_counter() { # file column-name
    awk -F';' -v col="$2" 'NR == 1 {for (i = 1; i <= NF; i++) if ($i == col) c = i; next}
        {last = $c} END {print (last == "" ? 0 : last)}' "$1"
}
stat_elapsed() { # seconds of the last line's ElapsedTime(C), HH:MM:SS:mmmmmm (or HH:MM:SS)
    awk -F';' 'NR == 1 {for (i = 1; i <= NF; i++) if ($i == "ElapsedTime(C)") c = i; next} {last = $c}
        END {n = split(last, t, ":"); s = t[1] * 3600 + t[2] * 60 + t[3]; if (n > 3) s += t[4] / 1e6; print s}' "$1"
}

echo "mode,step,offered,calls,successful,failed,retransmissions,elapsed_s,achieved,clean,\
us_edge,us_registrar,us_location,us_kafka,us_total,us_sipp,cores_edge,cores_registrar,cores_location,\
cores_kafka,cores_sipp,cores_others,loadavg1,publish_ms_mean" >"$CSV"

# run_step mode label offered seconds -> appends to steps.csv; returns 0 when clean
run_step() {
    local mode="$1" label="$2" rate="$3" secs="$4"
    local calls=$((rate * secs)) dir="$OUT/$mode-$label" i n name
    mkdir -p "$dir"
    local -A before=() after=()
    for name in edge registrar location kafka; do before[$name]="$(proc_ticks "${SVC_PID[$name]}")"; done
    local m0 p0 t0 t1
    m0="$(machine_busy_ticks)"; p0="$(publish_metrics)"; t0="$(date +%s.%N)"
    # not -nd: with default behaviours off, SIPp keeps waiting after an unexpected answer (a 503) instead
    # of failing the call; abortunexp fails it
    local common=(-nostdin -default_behaviors abortunexp -t u1 -i 127.0.0.1 -timeout "$((secs * 3 + 20))s" -timeout_error
        -trace_stat -fd 1 -trace_screen -trace_err -max_log_size 5000000 -buff_size 4194304 -max_recv_loops 10000 -max_sched_loops 10000)
    SIPP_PIDS=()
    if [ "$mode" = noauth ]; then
        /usr/bin/time -f '%U %S' -o "$dir/sipp-0.time" \
            sipp 127.0.0.1:"$EDGE_SIP" "${common[@]}" -sf "$HERE/sipp/register-noauth.xml" \
            -inf "$RUN/users.csv" -p "$SIPP_PORT" -r "$rate" -m "$calls" -l "$((rate > 500 ? rate : 500))" \
            -stf "$dir/sipp-0-stat.csv" -screen_file "$dir/sipp-0-screen.log" -error_file "$dir/sipp-0-errors.log" >"$dir/sipp-0.out" 2>&1 &
        SIPP_PIDS+=($!)
        n=1
    else
        n="$AUTH_PROCS"
        for i in $(seq 0 $((n - 1))); do
            # rate/n per process: `rate` calls every n seconds
            /usr/bin/time -f '%U %S' -o "$dir/sipp-$i.time" \
                sipp 127.0.0.1:"$EDGE_SIP" "${common[@]}" -sf "$HERE/sipp/register-auth.xml" \
                -s "$((200000 + i))" -au "$((200000 + i))" -ap "pw-$((200000 + i))" \
                -p "$((SIPP_PORT + i))" -r "$rate" -rp "$((n * 1000))" -m "$((calls / n))" \
                -l "$((rate / n > 200 ? rate / n : 200))" \
                -stf "$dir/sipp-$i-stat.csv" -screen_file "$dir/sipp-$i-screen.log" -error_file "$dir/sipp-$i-errors.log" >"$dir/sipp-$i.out" 2>&1 &
            SIPP_PIDS+=($!)
        done
        calls=$(((calls / n) * n))
    fi
    local p rc worst=0
    for p in "${SIPP_PIDS[@]}"; do rc=0; wait "$p" || rc=$?; if [ "$rc" -gt "$worst" ]; then worst=$rc; fi; done
    SIPP_PIDS=()
    t1="$(date +%s.%N)"
    local m1 p1
    m1="$(machine_busy_ticks)"; p1="$(publish_metrics)"
    for name in edge registrar location kafka; do after[$name]="$(proc_ticks "${SVC_PID[$name]}")"; done

    local ok=0 failed=0 retrans=0 elapsed=0 sipp_ticks=0 f e
    for i in $(seq 0 $((n - 1))); do
        f="$dir/sipp-$i-stat.csv"
        if [ ! -s "$f" ]; then log "no stat CSV from SIPp $i (exit $worst): $(tail -3 "$dir/sipp-$i.out")"; failed=$((failed + calls / n)); continue; fi
        ok=$((ok + $(stat_counter "$f" 'SuccessfulCall(C)')))
        failed=$((failed + $(stat_counter "$f" 'FailedCall(C)')))
        retrans=$((retrans + $(stat_counter "$f" 'Retransmissions(C)')))
        e="$(stat_elapsed "$f")"
        elapsed="$(awk -v a="$elapsed" -v b="$e" 'BEGIN {print (b > a ? b : a)}')"
        sipp_ticks="$(awk -v a="$sipp_ticks" -v f="$dir/sipp-$i.time" -v hz="$CLK_TCK" \
            \
            'BEGIN {while ((getline x < f) > 0) l = x; split(l, t, " "); print a + (t[1] + t[2]) * hz}')"
    done
    # calls never started (SIPp stopped by -timeout) count as failed
    if [ $((ok + failed)) -lt "$calls" ]; then failed=$((calls - ok)); fi
    local wall
    wall="$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')"
    awk -F' ' -v mode="$mode" -v label="$label" -v rate="$rate" -v calls="$calls" -v ok="$ok" -v failed="$failed" \
        -v retrans="$retrans" -v elapsed="$elapsed" -v wall="$wall" -v hz="$CLK_TCK" \
        -v e0="${before[edge]}" -v e1="${after[edge]}" -v r0="${before[registrar]}" -v r1="${after[registrar]}" \
        -v l0="${before[location]}" -v l1="${after[location]}" -v k0="${before[kafka]}" -v k1="${after[kafka]}" \
        -v s="$sipp_ticks" -v m0="$m0" -v m1="$m1" -v p0="$p0" -v p1="$p1" \
        -v load="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
            if (elapsed <= 0) elapsed = wall
            achieved = ok / elapsed
            clean = (failed == 0 && retrans == 0 && achieved >= 0.9 * rate) ? "yes" : "no"
            per = (ok > 0) ? 1e6 / hz / ok : 0
            us_e = (e1 - e0) * per; us_r = (r1 - r0) * per; us_l = (l1 - l0) * per; us_k = (k1 - k0) * per
            ours = (e1 - e0) + (r1 - r0) + (l1 - l0) + (k1 - k0) + s
            split(p0, a, " "); split(p1, b, " ")
            pub = (b[2] - a[2] > 0) ? (b[1] - a[1]) / (b[2] - a[2]) * 1000 : 0
            printf "%s,%s,%d,%d,%d,%d,%d,%.2f,%.0f,%s,%.0f,%.0f,%.0f,%.0f,%.0f,%.0f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%s,%.2f\n",
                mode, label, rate, calls, ok, failed, retrans, elapsed, achieved, clean,
                us_e, us_r, us_l, us_k, us_e + us_r + us_l + us_k, s * per,
                (e1 - e0) / hz / wall, (r1 - r0) / hz / wall, (l1 - l0) / hz / wall, (k1 - k0) / hz / wall,
                s / hz / wall, ((m1 - m0) - ours) / hz / wall, load, pub
        }' | tee -a "$CSV" | awk -F, '{printf "[regbench] %s %s: offered %s/s, ok %s, failed %s, retrans %s, achieved %s/s, clean %s, %s us/reg (sipp %s), others %s cores, load %s, publish %s ms\n", $1, $2, $3, $5, $6, $7, $9, $10, $15, $16, $22, $23, $24}' >&2
    tail -1 "$CSV" | grep -q ',yes,'
}

run_mode() { # noauth|auth
    local mode="$1" rates dirty=0 rate
    log "=== $mode ==="
    if [ "$mode" = noauth ]; then
        start_system false
        rates="$RATES_NOAUTH"
        { echo SEQUENTIAL; seq 100000 $((100000 + USERS - 1)); } >"$RUN/users.csv"
    else
        start_system true
        rates="$RATES_AUTH"
        local i
        for i in $(seq 0 $((AUTH_PROCS - 1))); do provision "$((200000 + i))" "pw-$((200000 + i))"; done
        log "provisioned $AUTH_PROCS subscribers"
    fi
    run_step "$mode" warmup "$WARMUP_RATE" "$WARMUP_SECONDS" || true
    for rate in $rates; do
        sleep "$PAUSE"
        run_step "$mode" "$rate" "$rate" "$STEP_SECONDS" || true
        # retransmissions alone (the machine is shared) do not stop the stepping; failures or a shortfall do
        if tail -1 "$CSV" | awk -F, '{exit !($6 > 0 || $9 < 0.9 * $3)}'; then dirty=$((dirty + 1)); else dirty=0; fi
        if [ "$dirty" -ge "$MAX_DIRTY" ]; then log "$dirty overloaded steps in a row: stop stepping"; break; fi
    done
    if [ "$KEEP_RUNNING" = 1 ]; then
        log "system left running (edge ${SVC_PID[edge]}, registrar ${SVC_PID[registrar]}, location ${SVC_PID[location]}, kafka ${SVC_PID[kafka]}): Ctrl-C to stop"
        # sleep in the background so that SIGINT/SIGTERM run the trap at once
        while true; do sleep 3600 & wait $! || break; done
    fi
    stop_system
}

# ---- main ----------------------------------------------------------------------------------------------
command -v sipp >/dev/null || die "sipp not found (Debian package sip-tester)"
package_if_missing
{
    echo "date_utc=$STAMP"
    echo "commit=$(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- . ':!bench/registration/results' 2>/dev/null || echo '-dirty')"
    echo "command=$0 $MODE"
    echo "env=$(env | grep '^BENCH_' | tr '\n' ' ')"
    echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //') x $(nproc)"
    echo "java=$("$JAVA" -version 2>&1 | head -1)"
    echo "sipp=$(sipp -v 2>&1 | grep -o 'SIPp v[^ ]*' | head -1)"
    echo "loadavg_at_start=$(cut -d' ' -f1-3 /proc/loadavg)"
} >"$OUT/meta.txt"

case "$MODE" in
    noauth) run_mode noauth ;;
    auth) run_mode auth ;;
    both) run_mode noauth; run_mode auth ;;
esac
echo "loadavg_at_end=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/meta.txt"

{
    cat "$OUT/meta.txt"
    echo
    printf '%-6s %-6s %8s %8s %6s %7s %6s | %6s %6s %6s %6s %6s | %5s %5s %5s %5s %5s %6s | %5s\n' \
        mode step offered achieved failed retrans clean edge reg loc kafka total c_edge c_reg c_loc c_kafk c_sipp others load
    tail -n +2 "$CSV" | awk -F, '{printf "%-6s %-6s %8s %8s %6s %7s %6s | %6s %6s %6s %6s %6s | %5s %5s %5s %5s %5s %6s | %5s\n",
        $1, $2, $3, $9, $6, $7, $10, $11, $12, $13, $14, $15, $17, $18, $19, $20, $21, $22, $23}'
    echo "(CPU columns: µs of CPU time per successful registration; c_*: cores used during the step)"
    for m in noauth auth; do
        best="$(awk -F, -v m="$m" '$1 == m && $2 != "warmup" && $10 == "yes" && $3 > b {b = $3} END {print b + 0}' "$CSV")"
        if grep -q "^$m," "$CSV"; then echo "highest clean rate ($m): $best/s"; fi
    done
} | tee "$OUT/summary.txt"
echo "results: $OUT"
