# SPDX-License-Identifier: MIT
# gnuplot -e "datafile='chart.dat'; outfile='performance.png'" chart.gp
# chart.dat: a header "N contender..." then one row per N (lookups/s, "?" = not measured).
set terminal pngcairo size 1000,600 font ",11"
set output outfile
set title "lookups/s, medians of interleaved rounds: knot-udp2 (QHostInfo, QDnsLookup: knot53)"
set xlabel "names (N)"
set ylabel "lookups/s"
set logscale x
set logscale y
set grid
set key outside right
set datafile missing "?"
set xtics ("1,000" 1000, "10,000" 10000, "50,000" 50000)
stats datafile skip 1 nooutput
# QAres solid, raw c-ares dashed, Qt's resolvers dotted; one colour each.
colors = "#1f77b4 #2ca02c #17becf #98df8a #ff7f0e #d62728 #8c564b #9467bd #7f7f7f #e377c2 " \
    . "#bcbd22 #393b79"
header = system("head -1 '".datafile."'")
dash(name) = name[1:3] eq "raw" ? 2 : (name[1:5] eq "qares" ? 1 : 3)
plot for [col=2:STATS_columns] datafile using 1:col with linespoints lw 2 pt 7 \
    lc rgb word(colors, col - 1) dt dash(word(header, col)) title columnheader(col)
