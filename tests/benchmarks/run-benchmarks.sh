#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Runs the QAres benchmarks from one command (as root, Debian 12):
#
#   tests/benchmarks/run-benchmarks.sh [--quick] [--out DIR] [--build DIR] [--no-callgrind]
#
#   --quick   N = 1,000 only, one run each (about a minute)
#   (default) N = 1,000 / 10,000 / 50,000, medians of 3 runs (well under 15 minutes on 2 cores)
#
# Installs what is missing (knot, dig, valgrind, gnuplot-nox) with apt-get,
# builds qares-benchmark in Release, and measures against loopback servers
# only (never the machine's resolv.conf nameserver):
#   knot     knotd from tests/shared/knot/knotctl.sh on 127.0.0.1:random (QAres, raw c-ares)
#   knot53   a second knotd, same zone, on $BENCH_NS53_KNOT:53 (QAres, raw c-ares,
#            QHostInfo, QDnsLookup; the last two only accept port 53)
#   fake20ms the in-process AresTestServer, 20 ms delay per reply, on $BENCH_NS53_FAKE:53
#   callgrind instructions per lookup, (I(2000) - I(1000)) / 1000, against knot
# Results: DIR/runs.csv (every run), DIR/medians.csv, DIR/summary.md,
# DIR/callgrind.csv, DIR/floor.csv (qares-qt-floor), DIR/chart.dat, DIR/performance.png (also copied to
# docs/performance.png unless --no-doc-chart), DIR/load.txt.
set -u -o pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
QUICK=0
CALLGRIND=1
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
    --out) OUT=$2; shift ;;
    --build) BUILD=$2; shift ;;
    -h | --help) sed -n '4,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
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
KNOT_A="$OUT/knot-a"
KNOT_B="$OUT/knot-b"
KNOT_B_PID=""
cleanup() {
    [[ -x $ROOT/tests/shared/knot/knotctl.sh ]] && "$ROOT/tests/shared/knot/knotctl.sh" stop "$KNOT_A" >/dev/null 2>&1
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
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}" >"$OUT/apt.log" 2>&1 ||
        { apt-get update >>"$OUT/apt.log" 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}" >>"$OUT/apt.log" 2>&1; } ||
        { echo "apt-get install failed, see $OUT/apt.log" >&2; exit 1; }
fi

# --- build -------------------------------------------------------------------
log "building qares-benchmark (Release) in $BUILD"
if [[ ! -f $BUILD/CMakeCache.txt ]]; then
    # The benchmark needs no QML; fall back to the default if the tree
    # does not configure without it.
    cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DQARES_BUILD_QML=OFF >"$OUT/build.log" 2>&1 ||
        { rm -f "$BUILD/CMakeCache.txt"; cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >>"$OUT/build.log" 2>&1; } ||
        { tail -30 "$OUT/build.log" >&2; exit 1; }
fi
cmake --build "$BUILD" --target qares-benchmark qares-qt-floor >>"$OUT/build.log" 2>&1 || { tail -30 "$OUT/build.log" >&2; exit 1; }
BENCH="$BUILD/tests/benchmarks/qares-benchmark"
FLOOR="$BUILD/tests/benchmarks/qares-qt-floor"
[[ -x $BENCH ]] || { echo "no $BENCH" >&2; exit 1; }

# --- parameters --------------------------------------------------------------
if ((QUICK)); then
    NS=1000; NS53=1000; NSFAKE=1000; REPEAT=1; REPEAT_SLOW=1
else
    NS=1000,10000,50000; NS53=1000,10000; NSFAKE=1000,5000; REPEAT=3; REPEAT_SLOW=3
fi
MAXN=50000
CG_CONTENDERS="qares-future qares-signal raw-gai-100"
CG_CONTENDERS="$CG_CONTENDERS raw-gai-nosort-100 qares-query-future qares-query-signal raw-query-100"
CG_CONTENDERS="$CG_CONTENDERS qares-future-batch qares-query-future-batch"
CG_CONTENDERS="$CG_CONTENDERS qares-resolver-signal qares-query-resolver-signal"
((QUICK)) || CG_CONTENDERS="$CG_CONTENDERS qares-future-100 qares-signal-100"
QARES_ALL=qares-future,qares-signal,qares-future-100,qares-signal-100,qares-query-future,qares-query-signal
QARES_ALL=$QARES_ALL,qares-future-batch,qares-query-future-batch
QARES_ALL=$QARES_ALL,qares-resolver-signal,qares-query-resolver-signal
RAW_ALL=raw-gai-100,raw-gai-nosort-100,raw-gai-all,raw-query-100,raw-query-all
{
    echo "date: $(date -Is)"
    echo "host: $(uname -srm), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "mode: $( ((QUICK)) && echo quick || echo full), N=$NS, repeat=$REPEAT"
    echo "c-ares: $(dpkg-query -W -f='${Version}' libc-ares2 2>/dev/null), Qt: $(dpkg-query -W -f='${Version}' libqt6core6 2>/dev/null), knot: $(knotd --version 2>/dev/null | head -1)"
} >"$OUT/load.txt"
cat "$OUT/load.txt"

RUNS="$OUT/runs.csv"
rm -f "$RUNS"
"$BENCH" --write-zone "$OUT/bench.test.zone" --n $MAXN || exit 1

# --- knot A (knotctl.sh) -----------------------------------------------------
KNOTCTL="$ROOT/tests/shared/knot/knotctl.sh"
[[ -x $KNOTCTL ]] || { echo "missing $KNOTCTL" >&2; exit 1; }
log "starting knot (knotctl.sh)"
KPORT=$("$KNOTCTL" start "$KNOT_A" "$OUT/bench.test.zone" bench.test.) || exit 1
log "knot on 127.0.0.1:$KPORT"

log "scenario knot: QAres and raw c-ares, N=$NS, $REPEAT run(s)"
"$BENCH" --server "127.0.0.1:$KPORT" --scenario knot --csv "$RUNS" --n $NS --repeat $REPEAT \
    --contenders "$QARES_ALL,$RAW_ALL$( ((QUICK)) || echo ,qares-signal-cap300-rcvbuf)" --max-seconds 60 | tee -a "$OUT/console.log"

# --- callgrind ---------------------------------------------------------------
CG="$OUT/callgrind.csv"
if ((CALLGRIND)); then
    log "callgrind: instructions per lookup at N=1000 and 2000"
    : >"$CG"
    for c in $CG_CONTENDERS; do
        for n in 1000 2000; do
            f="$OUT/callgrind.$c.$n.out"
            timeout 300 valgrind --tool=callgrind --callgrind-out-file="$f" \
                "$BENCH" --contender "$c" --n "$n" --server "127.0.0.1:$KPORT" --no-stall-probe --max-seconds 200 \
                >"$OUT/callgrind.$c.$n.log" 2>&1
            ir=$(awk '/^(summary|totals):/ {print $2; exit}' "$f" 2>/dev/null)
            grep -h '^RESULT' "$OUT/callgrind.$c.$n.log"
            echo "$c,$n,${ir:-0}" >>"$CG"
        done
    done
    # Where the instructions of one lookup go: (2000 - 1000) / 1000 per function.
    for c in $CG_CONTENDERS; do
        for mode in yes no; do
            "$HERE/cgdiff.sh" "$OUT/callgrind.$c.1000.out" "$OUT/callgrind.$c.2000.out" 1000 $mode 80 \
                >"$OUT/callgrind.$c.per-lookup.$([[ $mode == yes ]] && echo inclusive || echo self).txt"
        done
    done
fi

"$KNOTCTL" stop "$KNOT_A" >/dev/null 2>&1

# --- Qt's own floor ------------------------------------------------------------
# What Qt's result delivery alone costs per lookup (no DNS, no QAres):
# instructions as above, bytes held per pending lookup at N = 50,000.
FLOOR_CSV="$OUT/floor.csv"
echo "shape,ir_per_lookup,bytes_per_lookup,peak_rss_kib" >"$FLOOR_CSV"
for s in none signal reply future future-inline; do
    ir=""
    if ((CALLGRIND)); then
        for n in 1000 2000; do
            valgrind --tool=callgrind --callgrind-out-file="$OUT/floor.$s.$n.out" "$FLOOR" "$s" "$n" >/dev/null 2>&1
        done
        ir=$(( $(awk '/^(summary|totals):/ {print $2; exit}' "$OUT/floor.$s.2000.out") -
               $(awk '/^(summary|totals):/ {print $2; exit}' "$OUT/floor.$s.1000.out") ))
        ir=$((ir / 1000))
    fi
    line=$("$FLOOR" "$s" "$MAXN")
    echo "$s,$ir,$(sed -E 's/.*bytes_per_lookup=([0-9]+).*/\1/' <<<"$line"),$(sed -E 's/.*peak_rss_kib=([0-9]+).*/\1/' <<<"$line")" >>"$FLOOR_CSV"
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
        dig @"$NS53_KNOT" -p 53 SOA bench.test. +norec +time=1 +tries=1 +short 2>/dev/null | grep -q . && return 0
        sleep 0.1
    done
    return 1
}
if start_knot53; then
    log "knot on $NS53_KNOT:53; scenario knot53, N=$NS53"
    "$BENCH" --server "$NS53_KNOT:53" --ns53 "$NS53_KNOT" --scenario knot53 --csv "$RUNS" --n $NS53 \
        --repeat $REPEAT_SLOW --contenders qares-future,qares-signal,qares-future-batch,qares-resolver-signal,raw-gai-100,qhostinfo,qdnslookup \
        --max-seconds 90 | tee -a "$OUT/console.log"
else
    echo "knotd could not serve $NS53_KNOT:53 (see $KNOT_B/knot.log): QHostInfo/QDnsLookup over knot skipped" >&2
fi
cleanup
KNOT_B_PID=""

# --- fake server, 20 ms per reply, on port 53 ---------------------------------
log "scenario fake20ms: AresTestServer (own thread) on $NS53_FAKE:53, N=$NSFAKE"
"$BENCH" --fake --fake-delay-ms 20 --fake-address "$NS53_FAKE" --fake-port 53 --scenario fake20ms --csv "$RUNS" \
    --n $NSFAKE --repeat $REPEAT_SLOW --contenders qares-future,qares-signal,qares-future-batch,qares-resolver-signal,qares-signal-cap300-rcvbuf,raw-gai-100,raw-query-100,qhostinfo,qdnslookup \
    --max-seconds 90 | tee -a "$OUT/console.log"

# --- summary and chart -----------------------------------------------------------
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg), total $((SECONDS - START)) s" >>"$OUT/load.txt"
"$BENCH" --summarize "$RUNS" --callgrind "$CG" --out-dir "$OUT" || exit 1
{
    echo
    echo "### Qt's own floor per lookup (qares-qt-floor, no DNS; \"none\" makes the answers only)"
    echo
    echo "| shape | Ir / lookup | minus none | bytes held / pending lookup | peak RSS KiB at $MAXN |"
    echo "|---|---:|---:|---:|---:|"
    awk -F, 'NR == 2 { base = $2 } NR > 1 { printf "| %s | %s | %s | %s | %s |\n", $1, $2, ($2 == "" ? "" : $2 - base), $3, $4 }' "$FLOOR_CSV"
} >>"$OUT/summary.md"
if command -v gnuplot >/dev/null; then
    gnuplot -e "datafile='$OUT/chart.dat'; outfile='$OUT/performance.png'" "$HERE/chart.gp" 2>"$OUT/gnuplot.log" &&
        ((DOC_CHART && !QUICK)) && cp "$OUT/performance.png" "$ROOT/docs/performance.png"
fi
cat "$OUT/summary.md"
tail -1 "$OUT/load.txt"
log "done: results in $OUT"
