#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Starts and stops a private knotd for interop tests and benchmarks.
#
#   knotctl.sh start WORKDIR ZONEFILE [ORIGIN]
#   knotctl.sh start WORKDIR ZONEFILE[:ORIGIN] [ZONEFILE[:ORIGIN] ...]
#       Serves each zone file (copied into WORKDIR/zones) from one knotd
#       listening on 127.0.0.1@PORT and, when usable, [::1]@PORT, on a free
#       random port in 20000-60000. A zone's origin is the one given, else
#       the file's first $ORIGIN line, else "interop.test.". Waits until
#       every zone answers its SOA, then writes WORKDIR/port, WORKDIR/pid,
#       WORKDIR/ipv6 ("1" if [::1] is served, else "0") and prints the
#       port on stdout. A knotd already recorded in WORKDIR is stopped first.
#       On failure prints the knot log on stderr and exits non-zero.
#   knotctl.sh stop WORKDIR
#       Stops the knotd recorded in WORKDIR/pid (SIGTERM, SIGKILL after
#       KNOTCTL_STOP_TIMEOUT s). Succeeds when none is running.
#   knotctl.sh port WORKDIR      prints the port of a running instance.
#
# Files in WORKDIR: knot.conf, knot.log, zones/, storage/, run/ (control
# socket knot.sock, knot.pid), port, pid, ipv6.
# Environment: KNOTD, KNOTC, DIG (binaries; default from PATH, /usr/sbin),
# KNOTCTL_START_TIMEOUT (s until the zones answer, default 20),
# KNOTCTL_STOP_TIMEOUT (s, default 10), KNOTCTL_PORT_ATTEMPTS (default 10),
# KNOTCTL_UDP_WORKERS / KNOTCTL_TCP_WORKERS (default 2).
set -u -o pipefail

PATH="$PATH:/usr/sbin:/sbin"
KNOTD=${KNOTD:-$(command -v knotd || true)}
KNOTC=${KNOTC:-$(command -v knotc || true)}
DIG=${DIG:-$(command -v dig || true)}
START_TIMEOUT=${KNOTCTL_START_TIMEOUT:-20}
STOP_TIMEOUT=${KNOTCTL_STOP_TIMEOUT:-10}
PORT_ATTEMPTS=${KNOTCTL_PORT_ATTEMPTS:-10}
UDP_WORKERS=${KNOTCTL_UDP_WORKERS:-2}
TCP_WORKERS=${KNOTCTL_TCP_WORKERS:-2}

die() { echo "knotctl: $*" >&2; exit 1; }

# What knotd's log says when it could not bind its port (try another) or load a zone.
BIND_FAILED='cannot bind|failed to bind|address already in use'
LOAD_FAILED="zone event 'load' failed|failed to load zone|failed to parse zone"

usage() {
    sed -n '4,21p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

# True if PID is a live knotd started with config CONF.
is_our_knotd() {
    local pid=$1 conf=$2
    [[ -n $pid && -r /proc/$pid/cmdline ]] || return 1
    local cmdline
    cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
    [[ $cmdline == *knotd*"$conf"* ]] || return 1
    # A zombie is as good as gone.
    local state
    state=$(awk '/^State:/ {print $2}' "/proc/$pid/status" 2>/dev/null)
    [[ $state != Z ]]
}

do_stop() {
    local workdir=$1
    [[ -d $workdir ]] || return 0
    workdir=$(cd "$workdir" && pwd)
    local conf=$workdir/knot.conf pid=""
    [[ -r $workdir/pid ]] && pid=$(<"$workdir/pid")
    if [[ -z $pid && -r $workdir/run/knot.pid ]]; then pid=$(<"$workdir/run/knot.pid"); fi
    if is_our_knotd "$pid" "$conf"; then
        kill -TERM "$pid" 2>/dev/null
        local deadline=$((SECONDS + STOP_TIMEOUT))
        while is_our_knotd "$pid" "$conf" && ((SECONDS < deadline)); do sleep 0.05; done
        if is_our_knotd "$pid" "$conf"; then
            echo "knotctl: knotd $pid did not stop in ${STOP_TIMEOUT}s, killing it" >&2
            kill -KILL "$pid" 2>/dev/null
            deadline=$((SECONDS + 5))
            while is_our_knotd "$pid" "$conf" && ((SECONDS < deadline)); do sleep 0.05; done
            is_our_knotd "$pid" "$conf" && die "knotd $pid survived SIGKILL"
        fi
    fi
    rm -f "$workdir/pid" "$workdir/port" "$workdir/run/knot.pid"
    # A control socket directory moved out of a too long WORKDIR (see below).
    if [[ -L $workdir/run ]]; then
        local target
        target=$(readlink "$workdir/run")
        rm -f "$workdir/run"
        [[ $target == /tmp/knotctl.* ]] && rm -rf "$target"
    fi
    return 0
}

# "interop.test." from the zone file's first $ORIGIN, or the default.
zone_origin() {
    local origin
    origin=$(awk 'toupper($1) == "$ORIGIN" { print $2; exit }' "$1")
    [[ -n $origin ]] || origin="interop.test."
    [[ $origin == *. ]] || origin="$origin."
    echo "$origin"
}

# True if PID (a child of this shell) runs and is not a zombie.
is_alive() {
    local state
    state=$(awk '/^State:/ {print $2}' "/proc/$1/status" 2>/dev/null) || return 1
    [[ -n $state && $state != Z ]]
}

ipv6_usable() {
    [[ -r /proc/net/if_inet6 ]] || return 1
    grep -q '^00000000000000000000000000000001 ' /proc/net/if_inet6 || return 1
    [[ $(cat /proc/sys/net/ipv6/conf/lo/disable_ipv6 2>/dev/null || echo 0) == 0 ]]
}

# True if nothing listens on PORT (UDP or TCP, any address).
port_free() {
    local port=$1
    if command -v ss >/dev/null; then
        ! ss -Hlnu "sport = :$port" 2>/dev/null | grep -q . &&
            ! ss -Hlnt "sport = :$port" 2>/dev/null | grep -q .
    else
        ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
    fi
}

# True if every socket listening on PORT belongs to PID (knotd binds its
# UDP sockets with SO_REUSEPORT, so a second instance could share a port).
port_owned_by() {
    local port=$1 pid=$2
    command -v ss >/dev/null || return 0
    local lines
    lines=$(ss -Hlnptu "sport = :$port" 2>/dev/null) || return 0
    [[ -n $lines ]] || return 1
    # Without privileges ss shows no process for other users' sockets: then
    # only count the lines.
    ! grep -v "pid=$pid," <<<"$lines" | grep -q 'users:'
}

answers_soa() {
    local port=$1 origin=$2 out
    out=$("$DIG" @127.0.0.1 -p "$port" SOA "$origin" +norec +time=1 +tries=1 +noall +answer \
              2>/dev/null) || return 1
    grep -q $'\tSOA\t' <<<"$out" || grep -qw SOA <<<"$out"
}

show_log_and_die() {
    local workdir=$1
    shift
    echo "knotctl: $*" >&2
    if [[ -s $workdir/knot.log ]]; then
        echo "---- $workdir/knot.log (last 60 lines) ----" >&2
        tail -n 60 "$workdir/knot.log" >&2
        echo "----" >&2
    fi
    exit 1
}

do_start() {
    local workdir=$1
    shift
    [[ -n $KNOTD && -x $KNOTD ]] ||
        die "knotd (Knot DNS) is not installed; install it" \
            "(Debian: apt-get install knot knot-dnsutils) or set KNOTD"
    [[ -n $DIG && -x $DIG ]] ||
        die "dig is not installed; install it (Debian: apt-get install bind9-dnsutils) or set DIG"

    # Zone specs: "FILE" or "FILE:ORIGIN"; "start W FILE ORIGIN" is also accepted.
    local -a specs=("$@")
    if ((${#specs[@]} == 2)) && [[ ${specs[1]} != *:* && ! -f ${specs[1]} ]]; then
        specs=("${specs[0]}:${specs[1]}")
    fi
    ((${#specs[@]} > 0)) || usage

    mkdir -p "$workdir" || die "cannot create $workdir"
    workdir=$(cd "$workdir" && pwd)
    do_stop "$workdir"
    rm -rf "$workdir/zones" "$workdir/storage" "$workdir/run" "$workdir/knot.log" "$workdir/ipv6"
    mkdir -p "$workdir/zones" "$workdir/storage"

    # The control socket path must fit sockaddr_un (108 bytes).
    if ((${#workdir} + 14 > 100)); then
        local short
        short=$(mktemp -d /tmp/knotctl.XXXXXX) || die "mktemp failed"
        ln -s "$short" "$workdir/run"
    else
        mkdir -p "$workdir/run"
    fi

    local -a origins=() files=()
    local spec file origin
    for spec in "${specs[@]}"; do
        if [[ $spec == *:* ]]; then
            file=${spec%:*}
            origin=${spec##*:}
        else
            file=$spec
            origin=""
        fi
        [[ -r $file ]] || die "zone file $file not readable"
        [[ -n $origin ]] || origin=$(zone_origin "$file")
        [[ $origin == *. ]] || origin="$origin."
        origin=${origin,,}
        local copy="$workdir/zones/${origin%.}.zone"
        [[ $origin == . ]] && copy="$workdir/zones/root.zone"
        cp "$file" "$copy" || die "cannot copy $file"
        origins+=("$origin")
        files+=("$copy")
    done

    local ipv6=0
    ipv6_usable && ipv6=1
    local conf=$workdir/knot.conf

    # Serialise port picking between concurrent starts of this user (knotd's
    # SO_REUSEPORT sockets can only share a port with the same user's).
    local lockfile
    lockfile=${TMPDIR:-/tmp}/knotctl.$(id -u).lock
    exec 9>>"$lockfile" || die "cannot open $lockfile"
    flock -w 60 9 || die "cannot lock $lockfile"

    local attempt port pid="" started=0
    for ((attempt = 1; attempt <= PORT_ATTEMPTS; ++attempt)); do
        port=$((20000 + (RANDOM * 32768 + RANDOM) % 40001))
        port_free "$port" || continue

        local listen="127.0.0.1@$port"
        ((ipv6)) && listen="$listen, ::1@$port"
        {
            echo "# Generated by knotctl.sh; do not edit."
            echo "server:"
            echo "    rundir: \"$workdir/run\""
            echo "    pidfile: \"$workdir/run/knot.pid\""
            echo "    listen: [ $listen ]"
            echo "    udp-workers: $UDP_WORKERS"
            echo "    tcp-workers: $TCP_WORKERS"
            echo "    background-workers: 2"
            echo "    tcp-max-clients: 1024"
            echo "    answer-rotation: off"
            echo ""
            echo "database:"
            echo "    storage: \"$workdir/storage\""
            echo "    journal-db-max-size: 64M"
            echo "    kasp-db-max-size: 16M"
            echo "    timer-db-max-size: 16M"
            echo "    catalog-db-max-size: 16M"
            echo ""
            echo "control:"
            echo "    listen: \"$workdir/run/knot.sock\""
            echo ""
            echo "log:"
            echo "  - target: \"$workdir/knot.log\""
            echo "    any: info"
            echo ""
            echo "template:"
            echo "  - id: default"
            echo "    storage: \"$workdir/zones\""
            echo "    zonefile-sync: -1"
            echo "    zonefile-load: whole"
            echo "    journal-content: none"
            echo "    semantic-checks: off"
            echo "    adjust-threads: 2"
            echo ""
            echo "zone:"
            local i
            for i in "${!origins[@]}"; do
                echo "  - domain: \"${origins[$i]}\""
                echo "    file: \"${files[$i]}\""
            done
        } >"$conf"

        : >"$workdir/knot.log"
        setsid "$KNOTD" -c "$conf" </dev/null >>"$workdir/knot.log" 2>&1 &
        pid=$!

        # Wait until every zone answers its SOA, knotd dies, or time runs out.
        local deadline=$((SECONDS + START_TIMEOUT)) ok=0 bindfail=0 exited=0 zonefail=0
        while ((SECONDS < deadline)); do
            if ! is_alive "$pid"; then
                exited=1
                break
            fi
            if grep -qiE "$BIND_FAILED" "$workdir/knot.log"; then
                bindfail=1
                break
            fi
            if grep -qE "$LOAD_FAILED" "$workdir/knot.log"; then
                zonefail=1
                break
            fi
            ok=1
            for origin in "${origins[@]}"; do
                answers_soa "$port" "$origin" || { ok=0; break; }
            done
            ((ok)) && break
            sleep 0.1
        done

        if ((ok)) && ! port_owned_by "$port" "$pid"; then
            echo "knotctl: port $port is shared with another process, trying another" >&2
            ok=0
            bindfail=1
        fi
        if ((ok)); then
            started=1
            break
        fi

        is_alive "$pid" && kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        local status=$?
        if ((exited)) && grep -qiE "$BIND_FAILED" "$workdir/knot.log"; then
            bindfail=1
        fi
        if ((bindfail)); then
            echo "knotctl: knotd could not use port $port, trying another" >&2
            continue
        fi
        flock -u 9
        ((zonefail)) && show_log_and_die "$workdir" "knotd could not load a zone (config $conf)"
        ((exited)) && show_log_and_die "$workdir" \
            "knotd exited with status $status before serving ${origins[*]} (config $conf)"
        show_log_and_die "$workdir" "knotd did not serve ${origins[*]} on port $port" \
            "within ${START_TIMEOUT}s (config $conf)"
    done
    flock -u 9
    exec 9>&-
    ((started)) || show_log_and_die "$workdir" "no free port found in $PORT_ATTEMPTS attempts"

    echo "$port" >"$workdir/port"
    echo "$pid" >"$workdir/pid"
    echo "$ipv6" >"$workdir/ipv6"
    echo "$port"
}

cmd=${1:-}
case $cmd in
start)
    (($# >= 3)) || usage
    do_start "${@:2}"
    ;;
stop)
    (($# == 2)) || usage
    do_stop "$2"
    ;;
port)
    (($# == 2)) || usage
    [[ -r $2/port && -r $2/pid ]] || die "no knotd recorded in $2"
    is_our_knotd "$(<"$2/pid")" "$(cd "$2" && pwd)/knot.conf" ||
        die "knotd recorded in $2 is not running"
    cat "$2/port"
    ;;
*)
    usage
    ;;
esac
