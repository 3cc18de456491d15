#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Runs the QAres benchmarks from one command (as root, Debian 12):
#
#   tests/benchmarks/run-benchmarks.sh [--quick] [--out DIR] [--build DIR] [--rounds R]
#       [--no-callgrind] [--no-soak] [--soak-total T] [--no-doc-chart]
#
#   --quick   N = 2,000, 3 rounds, short soak, no raw-variant sweep (a few minutes)
#   (default) N = 1,000 / 10,000 / 50,000, 7 interleaved rounds, the raw-variant
#             sweep, a 10,000,000-lookup soak per high-volume API (~25 min on a
#             quiet 2-core machine)
#
# Installs what is missing (knot, dig, valgrind, gnuplot-nox) with apt-get,
# builds qares-benchmark in Release, and measures against loopback servers
# only (never the machine's resolv.conf nameserver):
#   knot-udp1, knot-udp2  two knotd from tests/shared/knot/knotctl.sh (one and two UDP
#            workers) on 127.0.0.1:random, the same zone (QAres, raw c-ares)
#   raw variants  the fastest raw c-ares loop per call is picked first (full mode):
#            in-flight depth, epoll/poll, receive buffer; it is the reference of
#            every "× raw" ratio (DIR/reference.txt)
#   memory   bytes per pending lookup: N = 50,000 held by a socket that never answers
#   soak     10,000,000 lookups in one process, RSS and descriptors every 1,000,000
#   knot53   a third knotd, same zone, on $BENCH_NS53_KNOT:53 (QAres, raw c-ares,
#            QHostInfo, QDnsLookup; the last two only accept port 53)
#   fake20ms the in-process AresTestServer, 20 ms delay per reply, on $BENCH_NS53_FAKE:53
#   callgrind instructions per lookup, (I(2000) - I(1000)) / 1000, against knot-udp2
# Results: DIR/runs.csv (every run), DIR/raw-variants.csv, DIR/memory.csv, DIR/soak.csv,
# DIR/medians.csv, DIR/summary.md (one table per server set-up), DIR/callgrind.csv,
# DIR/floor.csv (qares-qt-floor), DIR/chart.dat, DIR/performance.png (also copied to
# docs/performance.png in full mode unless --no-doc-chart), DIR/load.txt.
set -u -o pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
QUICK=0
CALLGRIND=1
SOAK=1
ROUNDS=""
SOAK_TOTAL=""
DOC_CHART=1
OUT=""
BUILD="$ROOT/build-bench"
NS53_KNOT=${BENCH_NS53_KNOT:-127.0.0.154}
NS53_FAKE=${BENCH_NS53_FAKE:-127.0.0.153}

while (($#)); do
    case $1 in
    --quick) QUICK=1 ;;
    --no-callgrind) CALLGRIND=0 ;;
    --no-doc-chart) DOC_CHART=0 ;;
    --no-soak) SOAK=0 ;;
    --rounds) ROUNDS=$2; shift ;;
    --soak-total) SOAK_TOTAL=$2; shift ;;
    --out) OUT=$2; shift ;;
    --build) BUILD=$2; shift ;;
    -h | --help) sed -n '4,31p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done
[[ -n $OUT ]] || OUT="$BUILD/benchmark-results/$(date +%Y%m%d-%H%M%S)$( ((QUICK)) && echo -quick)"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
export PATH="$PATH:/usr/sbin:/sbin"
START=$SECONDS

log() { echo "== $* ($((SECONDS - START)) s)"; }

# Everything we start is stopped on exit, also on failure or ^C.
KNOT_1="$OUT/knot-udp1"
KNOT_2="$OUT/knot-udp2"
KNOT_B="$OUT/knot-b"
KNOT_B_PID=""
cleanup() {
    if [[ -x $ROOT/tests/shared/knot/knotctl.sh ]]; then
        "$ROOT/tests/shared/knot/knotctl.sh" stop "$KNOT_1" >/dev/null 2>&1
        "$ROOT/tests/shared/knot/knotctl.sh" stop "$KNOT_2" >/dev/null 2>&1
    fi
    if [[ -n $KNOT_B_PID ]] && kill -0 "$KNOT_B_PID" 2>/dev/null; then
        kill -TERM "$KNOT_B_PID" 2>/dev/null
        for _ in $(seq 50); do kill -0 "$KNOT_B_PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$KNOT_B_PID" 2>/dev/null
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- prerequisites -----------------------------------------------------------
need=()
command -v knotd >/dev/null || need+=(knot)
command -v dig >/dev/null || need+=(bind9-dnsutils)
command -v gnuplot >/dev/null || need+=(gnuplot-nox)
((CALLGRIND)) && ! command -v valgrind >/dev/null && need+=(valgrind)
command -v cmake >/dev/null || need+=(cmake)
command -v ninja >/dev/null || need+=(ninja-build)
command -v g++ >/dev/null || need+=(g++)
dpkg -s libc-ares-dev >/dev/null 2>&1 || need+=(libc-ares-dev pkg-config)
dpkg -s qt6-base-dev >/dev/null 2>&1 || need+=(qt6-base-dev)
if ((${#need[@]})); then
    log "installing ${need[*]}"
    if [[ $(id -u) != 0 ]]; then echo "need root to install ${need[*]}" >&2; exit 1; fi
    apt_install() {
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}" \
            >>"$OUT/apt.log" 2>&1
    }
    : >"$OUT/apt.log"
    apt_install || { apt-get update >>"$OUT/apt.log" 2>&1 && apt_install; } ||
        { echo "apt-get install failed, see $OUT/apt.log" >&2; exit 1; }
fi

# --- build -------------------------------------------------------------------
log "building qares-benchmark (Release) in $BUILD"
if [[ ! -f $BUILD/CMakeCache.txt ]]; then
    # The benchmark needs no QML; fall back to the default if the tree
    # does not configure without it.
    cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DQARES_BUILD_QML=OFF \
            >"$OUT/build.log" 2>&1 ||
        { rm -f "$BUILD/CMakeCache.txt"
          cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release \
              >>"$OUT/build.log" 2>&1; } ||
        { tail -30 "$OUT/build.log" >&2; exit 1; }
fi
cmake --build "$BUILD" --target qares-benchmark qares-qt-floor >>"$OUT/build.log" 2>&1 ||
    { tail -30 "$OUT/build.log" >&2; exit 1; }
BENCH="$BUILD/tests/benchmarks/qares-benchmark"
FLOOR="$BUILD/tests/benchmarks/qares-qt-floor"
[[ -x $BENCH ]] || { echo "no $BENCH" >&2; exit 1; }

# --- parameters --------------------------------------------------------------
if ((QUICK)); then
    NS=2000; NS53=1000; NSFAKE=1000; REPEAT=${ROUNDS:-3}; REPEAT_SLOW=1
    MEMN=10000; MEMRUNS=1; SOAK_TOTAL=${SOAK_TOTAL:-200000}; SOAK_BATCH=10000; SOAK_EVERY=50000
    SOAK_APIS="qares-resolver-signal qares-future-batch"
else
    NS=1000,10000,50000; NS53=1000,10000; NSFAKE=1000,5000; REPEAT=${ROUNDS:-7}; REPEAT_SLOW=3
    MEMN=50000; MEMRUNS=3; SOAK_TOTAL=${SOAK_TOTAL:-10000000}; SOAK_BATCH=50000; SOAK_EVERY=1000000
    SOAK_APIS="qares-resolver-signal qares-future-batch"
    SOAK_APIS="$SOAK_APIS qares-query-resolver-signal qares-query-future-batch"
fi
((REPEAT >= 1)) || { echo "--rounds must be >= 1" >&2; exit 2; }
MAXN=50000
# The APIs of issue 10's table (high-volume first), in the order they run in a round.
APIS="qares-resolver-signal qares-future-batch qares-future qares-signal"
APIS="$APIS qares-query-resolver-signal qares-query-future-batch qares-query-future"
APIS="$APIS qares-query-signal"
# Raw c-ares loop variants (see parseRawContender() in main.cpp); the fastest per call
# becomes the reference. Depth > 150 is not tried: one c-ares 1.18 socket hashes to
# one of knot's sockets, whose buffer overflows (each drop a 2 s retry).
GAI_VARIANTS="raw-gai-fast-100 raw-gai-fast-50 raw-gai-fast-150"
GAI_VARIANTS="$GAI_VARIANTS raw-gai-fast-100-poll raw-gai-fast-150-poll"
GAI_VARIANTS="$GAI_VARIANTS raw-gai-fast-100-rcvbuf raw-gai-fast-150-rcvbuf"
QUERY_VARIANTS=${GAI_VARIANTS//raw-gai-/raw-query-}
REF_GAI=raw-gai-fast-100
REF_QUERY=raw-query-fast-100
{
    echo "date: $(date -Is)"
    echo "host: $(uname -srm), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "mode: $( ((QUICK)) && echo quick || echo full), N=$NS, rounds=$REPEAT"
    echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)$(
        git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' (modified)')"
    echo "c-ares: $(dpkg-query -W -f='${Version}' libc-ares2 2>/dev/null)," \
         "Qt: $(dpkg-query -W -f='${Version}' libqt6core6 2>/dev/null)," \
         "knot: $(knotd --version 2>/dev/null | head -1)"
} >"$OUT/load.txt"
cat "$OUT/load.txt"

RUNS="$OUT/runs.csv"
rm -f "$RUNS" "$OUT/raw-variants.csv"
"$BENCH" --write-zone "$OUT/bench.test.zone" --n $MAXN || exit 1

# --- two knot set-ups (knotctl.sh): one and two UDP workers ------------------
KNOTCTL="$ROOT/tests/shared/knot/knotctl.sh"
[[ -x $KNOTCTL ]] || { echo "missing $KNOTCTL" >&2; exit 1; }
log "starting knot with 1 and with 2 UDP workers (knotctl.sh)"
PORT1=$(KNOTCTL_UDP_WORKERS=1 "$KNOTCTL" start "$KNOT_1" "$OUT/bench.test.zone" bench.test.) ||
    exit 1
PORT2=$(KNOTCTL_UDP_WORKERS=2 "$KNOTCTL" start "$KNOT_2" "$OUT/bench.test.zone" bench.test.) ||
    exit 1
log "knot-udp1 on 127.0.0.1:$PORT1, knot-udp2 on 127.0.0.1:$PORT2"
SETUPS="knot-udp1:$PORT1 knot-udp2:$PORT2"
csv() { tr ' ' ',' <<<"$*"; }

# --- the fastest raw loop per call -------------------------------------------------
if ((!QUICK)); then
    log "raw-variant sweep: N=$MAXN, $REPEAT rounds on each set-up"
    for setup in $SETUPS; do
        "$BENCH" --server "127.0.0.1:${setup#*:}" --scenario "${setup%%:*}" \
            --csv "$OUT/raw-variants.csv" --n $MAXN --repeat "$REPEAT" \
            --contenders "$(csv $GAI_VARIANTS $QUERY_VARIANTS)" --max-seconds 60 |
            tee -a "$OUT/console.log" | grep -c '^RESULT' | sed 's/^/  runs: /'
    done
    # Per variant: the product over set-ups of its median lookups/s (a variant with
    # a failed lookup in any run is not eligible); the highest wins.
    pick() {
        awk -F, -v prefix="$1" '
            NR == 1 { for (i = 1; i <= NF; ++i) col[$i] = i; next }
            index($(col["contender"]), prefix) == 1 {
                k = $(col["contender"]) SUBSEP $(col["scenario"])
                v[k, ++cnt[k]] = $(col["lookups_per_s"])
                if ($(col["failures"]) != 0) bad[$(col["contender"])] = 1
                seen[$(col["contender"])] = 1; sc[$(col["scenario"])] = 1
            }
            END {
                best = ""; bestScore = -1
                for (c in seen) {
                    if (c in bad) continue
                    score = 1
                    for (s in sc) {
                        k = c SUBSEP s; n = cnt[k]; if (!n) { score = 0; break }
                        for (i = 1; i <= n; ++i) a[i] = v[k, i]
                        for (i = 2; i <= n; ++i) {
                            x = a[i]
                            for (j = i - 1; j >= 1 && a[j] > x; --j) a[j + 1] = a[j]
                            a[j + 1] = x
                        }
                        m = (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
                        score *= m
                    }
                    if (score > bestScore) { bestScore = score; best = c }
                }
                print best
            }' "$OUT/raw-variants.csv"
    }
    g=$(pick raw-gai-fast); q=$(pick raw-query-fast)
    [[ -n $g ]] && REF_GAI=$g
    [[ -n $q ]] && REF_QUERY=$q
fi
echo "references: $REF_GAI (host lookups), $REF_QUERY (record queries)$(
    ((QUICK)) && echo ' (quick mode: the defaults, no sweep)')" |
    tee "$OUT/reference.txt"

# --- the contenders, interleaved: reference, API 1, API 2, ..., reference, ... ----
LEGACY=""
((QUICK)) || LEGACY=" raw-gai-nosort-100 raw-query-100"
for setup in $SETUPS; do
    log "scenario ${setup%%:*}: N=$NS, $REPEAT interleaved rounds"
    "$BENCH" --server "127.0.0.1:${setup#*:}" --scenario "${setup%%:*}" --csv "$RUNS" --n $NS \
        --repeat "$REPEAT" --contenders "$(csv $REF_GAI $REF_QUERY $APIS$LEGACY)" --max-seconds 60 |
        tee -a "$OUT/console.log"
done

# --- memory per pending lookup: a socket that never answers ------------------------
MEM="$OUT/memory.csv"
echo "contender,n,bytes_per_pending,rss_before_kib,rss_held_kib,completed" >"$MEM"
log "memory per pending lookup, N=$MEMN held, $MEMRUNS run(s) each"
for r in $(seq "$MEMRUNS"); do
    for c in $APIS "${REF_GAI%%-fast*}-fast-all" "${REF_QUERY%%-fast*}-fast-all"; do
        line=$("$BENCH" --contender "$c" --n "$MEMN" --hold --hold-ms 500 2>>"$OUT/memory.log" |
                   grep '^MEMORY')
        echo "$line" | tee -a "$OUT/console.log"
        [[ -n $line ]] || continue
        f() { sed -E "s/.* $1=([^ ]+).*/\1/" <<<"$line"; }
        row="$c,$MEMN"
        for field in bytes_per_pending rss_before_kib rss_held_kib completed; do
            row="$row,$(f "$field")"
        done
        echo "$row" >>"$MEM"
    done
done

# --- soak: many lookups in one process ------------------------------------------------
SOAKCSV="$OUT/soak.csv"
SOAK_FIELDS="done batch failures lookups_per_s cpu_ms_per_1000 rss_kib_after_warmup"
SOAK_FIELDS="$SOAK_FIELDS fds_after_warmup flat"
echo "contender,$(csv $SOAK_FIELDS)" >"$SOAKCSV"
if ((SOAK)); then
    for c in $SOAK_APIS; do
        log "soak $c: $SOAK_TOTAL lookups in batches of $SOAK_BATCH against knot-udp2"
        "$BENCH" --contender "$c" --n "$SOAK_BATCH" --server "127.0.0.1:$PORT2" \
            --soak "$SOAK_TOTAL" \
            --soak-every "$SOAK_EVERY" --max-seconds 1800 2>>"$OUT/soak.log" |
            tee -a "$OUT/soak.log" "$OUT/console.log" >/dev/null
        line=$(grep "^SOAKRESULT contender=$c " "$OUT/soak.log" | tail -1)
        grep "^SOAK contender=$c " "$OUT/soak.log" | tail -n +1 | sed 's/^/  /' | tail -12
        echo "$line"
        [[ -n $line ]] || continue
        f() { sed -E "s/.* $1=([^ ]+).*/\1/" <<<"$line"; }
        row="$c"
        for field in $SOAK_FIELDS; do row="$row,$(f "$field")"; done
        echo "$row" >>"$SOAKCSV"
    done
fi

# --- callgrind ---------------------------------------------------------------
CG="$OUT/callgrind.csv"
CG_CONTENDERS="$APIS $REF_GAI $REF_QUERY"
((QUICK)) || CG_CONTENDERS="$CG_CONTENDERS raw-gai-nosort-100 raw-query-100"
if ((CALLGRIND)); then
    log "callgrind: instructions per lookup at N=1000 and 2000 (knot-udp2)"
    : >"$CG"
    for c in $CG_CONTENDERS; do
        for n in 1000 2000; do
            f="$OUT/callgrind.$c.$n.out"
            timeout 300 valgrind --tool=callgrind --callgrind-out-file="$f" \
                "$BENCH" --contender "$c" --n "$n" --server "127.0.0.1:$PORT2" --no-stall-probe \
                --max-seconds 200 >"$OUT/callgrind.$c.$n.log" 2>&1
            ir=$(awk '/^(summary|totals):/ {print $2; exit}' "$f" 2>/dev/null)
            grep -h '^RESULT' "$OUT/callgrind.$c.$n.log" |
                sed -E 's/ (peak_rss|p50|stall|submit)[^ ]*//g'
            echo "$c,$n,${ir:-0}" >>"$CG"
        done
    done
    # Where the instructions of one lookup go: (2000 - 1000) / 1000 per function.
    for c in $CG_CONTENDERS; do
        for mode in yes no; do
            kind=self
            [[ $mode == yes ]] && kind=inclusive
            "$HERE/cgdiff.sh" "$OUT/callgrind.$c.1000.out" "$OUT/callgrind.$c.2000.out" 1000 \
                $mode 80 >"$OUT/callgrind.$c.per-lookup.$kind.txt"
        done
    done
fi

"$KNOTCTL" stop "$KNOT_1" >/dev/null 2>&1
"$KNOTCTL" stop "$KNOT_2" >/dev/null 2>&1

# --- Qt's own floor ------------------------------------------------------------
# What Qt's result delivery alone costs per lookup (no DNS, no QAres):
# instructions as above, bytes held per pending lookup at N = 50,000.
FLOOR_CSV="$OUT/floor.csv"
echo "shape,ir_per_lookup,bytes_per_lookup,peak_rss_kib" >"$FLOOR_CSV"
for s in none signal reply future future-inline; do
    ir=""
    if ((CALLGRIND)); then
        for n in 1000 2000; do
            valgrind --tool=callgrind --callgrind-out-file="$OUT/floor.$s.$n.out" \
                "$FLOOR" "$s" "$n" >/dev/null 2>&1
        done
        ir=$(( $(awk '/^(summary|totals):/ {print $2; exit}' "$OUT/floor.$s.2000.out") -
               $(awk '/^(summary|totals):/ {print $2; exit}' "$OUT/floor.$s.1000.out") ))
        ir=$((ir / 1000))
    fi
    line=$("$FLOOR" "$s" "$MAXN")
    bytes=$(sed -E 's/.*bytes_per_lookup=([0-9]+).*/\1/' <<<"$line")
    rss=$(sed -E 's/.*peak_rss_kib=([0-9]+).*/\1/' <<<"$line")
    echo "$s,$ir,$bytes,$rss" >>"$FLOOR_CSV"
done

# --- knot B on port 53 (QHostInfo, QDnsLookup) -------------------------------
# knotctl.sh only listens on a random port; Qt 6.4's QDnsLookup and glibc
# need port 53, so a second minimal knotd serves the same zone there.
start_knot53() {
    mkdir -p "$KNOT_B/run" "$KNOT_B/storage" "$KNOT_B/zones"
    cp "$OUT/bench.test.zone" "$KNOT_B/zones/bench.test.zone"
    cat >"$KNOT_B/knot.conf" <<EOF
server:
    rundir: "$KNOT_B/run"
    pidfile: "$KNOT_B/run/knot.pid"
    listen: [ $NS53_KNOT@53 ]
    udp-workers: 2
    tcp-workers: 2
    background-workers: 2
database:
    storage: "$KNOT_B/storage"
control:
    listen: "$KNOT_B/run/knot.sock"
log:
  - target: "$KNOT_B/knot.log"
    any: info
template:
  - id: default
    storage: "$KNOT_B/zones"
    zonefile-sync: -1
    journal-content: none
    semantic-checks: off
zone:
  - domain: bench.test.
    file: "$KNOT_B/zones/bench.test.zone"
EOF
    setsid knotd -c "$KNOT_B/knot.conf" </dev/null >>"$KNOT_B/knot.log" 2>&1 &
    KNOT_B_PID=$!
    for _ in $(seq 200); do
        kill -0 "$KNOT_B_PID" 2>/dev/null || return 1
        dig @"$NS53_KNOT" -p 53 SOA bench.test. +norec +time=1 +tries=1 +short 2>/dev/null |
            grep -q . && return 0
        sleep 0.1
    done
    return 1
}
if start_knot53; then
    log "knot on $NS53_KNOT:53; scenario knot53, N=$NS53"
    "$BENCH" --server "$NS53_KNOT:53" --ns53 "$NS53_KNOT" --scenario knot53 --csv "$RUNS" \
        --n $NS53 --repeat $REPEAT_SLOW --max-seconds 90 \
        --contenders "$REF_GAI,$(csv qares-resolver-signal qares-future-batch qares-future \
                                     qares-signal qhostinfo qdnslookup)" |
        tee -a "$OUT/console.log"
else
    echo "knotd could not serve $NS53_KNOT:53 (see $KNOT_B/knot.log):" \
         "QHostInfo/QDnsLookup over knot skipped" >&2
fi
cleanup
KNOT_B_PID=""

# --- fake server, 20 ms per reply, on port 53 ---------------------------------
log "scenario fake20ms: AresTestServer (own thread) on $NS53_FAKE:53, N=$NSFAKE"
"$BENCH" --fake --fake-delay-ms 20 --fake-address "$NS53_FAKE" --fake-port 53 --scenario fake20ms \
    --csv "$RUNS" --n $NSFAKE --repeat $REPEAT_SLOW --max-seconds 90 \
    --contenders "$REF_GAI,$REF_QUERY,$(csv qares-resolver-signal qares-future-batch qares-future \
                                       qares-signal qares-signal-cap300-rcvbuf qhostinfo \
                                       qdnslookup)" |
    tee -a "$OUT/console.log"

# --- summary and chart -----------------------------------------------------------
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg), total $((SECONDS - START)) s" >>"$OUT/load.txt"
"$BENCH" --summarize "$RUNS" --callgrind "$CG" --memory "$MEM" --soak-csv "$SOAKCSV" \
    --ref-gai "$REF_GAI" --ref-query "$REF_QUERY" --chart-scenario knot-udp2 --out-dir "$OUT" ||
    exit 1
{
    echo
    echo "Machine: $(sed -n 's/^host: //p' "$OUT/load.txt");" \
         "$(grep '^load before' "$OUT/load.txt"), $(tail -1 "$OUT/load.txt");"
    echo "$(cat "$OUT/reference.txt")."
} >>"$OUT/summary.md"
{
    echo
    echo "### Qt's own floor per lookup (qares-qt-floor, no DNS; \"none\" makes the answers only)"
    echo
    echo "| shape | Ir / lookup | minus none | bytes held / pending lookup |" \
         "peak RSS KiB at $MAXN |"
    echo "|---|---:|---:|---:|---:|"
    awk -F, 'NR == 2 { base = $2 }
             NR > 1 {
                 printf "| %s | %s | %s | %s | %s |\n", $1, $2, ($2 == "" ? "" : $2 - base), $3, $4
             }' "$FLOOR_CSV"
} >>"$OUT/summary.md"
if command -v gnuplot >/dev/null; then
    gnuplot -e "datafile='$OUT/chart.dat'; outfile='$OUT/performance.png'" "$HERE/chart.gp" \
            2>"$OUT/gnuplot.log" &&
        ((DOC_CHART && !QUICK)) && cp "$OUT/performance.png" "$ROOT/docs/performance.png"
fi
cat "$OUT/summary.md"
tail -1 "$OUT/load.txt"
log "done: results in $OUT"
