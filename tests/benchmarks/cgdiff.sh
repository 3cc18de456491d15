#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# cgdiff.sh SMALL.out LARGE.out N [yes|no] [LINES]
# Instructions per lookup by function: (Ir in LARGE - Ir in SMALL) / N, from
# two callgrind runs that differ by N lookups (startup cost cancels out).
# yes = inclusive (default), no = self.
set -u -o pipefail
inc=${4:-yes}
ir() {
    callgrind_annotate --threshold=100 --inclusive="$inc" "$1" 2>/dev/null |
        awk '/^ *[0-9,]+ +\(/ {
                 ir = $1; gsub(",", "", ir); sub(/^.*%\) +/, ""); sub(/ \[.*$/, "")
                 print $0 "\t" ir
             }'
}
join -t $'\t' -a 2 -e 0 -o 0,1.2,2.2 \
        <(ir "$1" | sort -t $'\t' -k1,1) <(ir "$2" | sort -t $'\t' -k1,1) |
    awk -F'\t' -v n="$3" '{
            d = ($3 - $2) / n
            if (d >= 50 || d <= -50) printf "%8.0f  %s\n", d, $1
        }' |
    sort -rn | head -n "${5:-60}"
