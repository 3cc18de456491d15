# SPDX-License-Identifier: MIT
#
# qares-resolve next to dig, against a real DNS server: starts a private
# knotd on a free loopback port (tests/shared/knot/knotctl.sh) serving
# cli.zone and its reverse zones, asks it for each RRset with
# "qares-resolve @127.0.0.1:PORT +short" and "dig @127.0.0.1 -p PORT +short",
# compares the answers (as sorted lines, case aside: dig writes unknown
# RDATA in upper-case hex) and the exit status, then stops knotd.
#
#   cmake -DQARES_RESOLVE=<binary> -DKNOTCTL=<knotctl.sh> -DWORK_DIR=<dir> -P dig.cmake
#
# Without knotd or dig it prints "SKIPPED" (the test's SKIP_REGULAR_EXPRESSION).
cmake_minimum_required(VERSION 3.21)

foreach(var QARES_RESOLVE KNOTCTL WORK_DIR)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "dig.cmake needs -D${var}=...")
    endif()
endforeach()
find_program(DIG dig)
find_program(KNOTD knotd PATHS /usr/sbin /sbin)
if(NOT DIG OR NOT KNOTD)
    message("SKIPPED: qares-resolve is compared with dig against knotd; "
        "install both (Debian: knot dnsutils)")
    return()
endif()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(zones "${CMAKE_CURRENT_LIST_DIR}")
execute_process(COMMAND bash "${KNOTCTL}" start "${WORK_DIR}/knot"
        "${zones}/cli.zone:cli.test."
        "${zones}/cli-reverse4.zone:2.0.192.in-addr.arpa."
        "${zones}/cli-reverse6.zone:8.b.d.0.1.0.0.2.ip6.arpa."
    RESULT_VARIABLE rc OUTPUT_VARIABLE port ERROR_VARIABLE err TIMEOUT 40)
string(STRIP "${port}" port)
if(rc OR NOT port MATCHES "^[0-9]+$")
    execute_process(COMMAND bash "${KNOTCTL}" stop "${WORK_DIR}/knot" TIMEOUT 15)
    message(FATAL_ERROR "knotd did not start (${rc}):\n${err}")
endif()
set(ipv6 0)
if(EXISTS "${WORK_DIR}/knot/ipv6")
    file(READ "${WORK_DIR}/knot/ipv6" ipv6)
    string(STRIP "${ipv6}" ipv6)
endif()

# fail(<text>...): the texts, joined, are one failure.
function(fail)
    set(message "")
    math(EXPR last "${ARGC} - 1")
    foreach(i RANGE ${last})
        string(APPEND message "${ARGV${i}}")
    endforeach()
    set_property(GLOBAL APPEND_STRING PROPERTY dig_failures "${message}\n\n")
endfunction()

include("${CMAKE_CURRENT_LIST_DIR}/lines.cmake")

# normalized(<var> <text>): the non-empty lines, lower case, sorted, joined by '|'.
function(normalized var text)
    string(TOLOWER "${text}" text)
    sorted_lines(joined "${text}")
    set(${var} "${joined}" PARENT_SCOPE)
endfunction()

# compare(QARES <arguments>... DIG <arguments>... [EXIT <status>] [IPV6] [JOIN_HEX]):
# the same answers from both; qares-resolve exits with <status> (default 0,
# and then the answers must not be empty). IPV6: ask knot on [::1].
# JOIN_HEX: dig splits long hex data (TLSA) into chunks of 56 digits,
# QAres writes it in one: join dig's before comparing.
function(compare)
    cmake_parse_arguments(PARSE_ARGV 0 arg "IPV6;JOIN_HEX" "EXIT" "QARES;DIG")
    if(NOT DEFINED arg_EXIT)
        set(arg_EXIT 0)
    endif()
    set(server "@127.0.0.1:${port}")
    set(dig_server "@127.0.0.1")
    if(arg_IPV6)
        set(server "@[::1]:${port}")
        set(dig_server "@::1")
    endif()
    execute_process(COMMAND "${QARES_RESOLVE}" ${server} +short --timeout 1000 ${arg_QARES}
        INPUT_FILE /dev/null RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 20)
    execute_process(COMMAND "${DIG}" ${dig_server} -p ${port} +short +time=2 +tries=1 ${arg_DIG}
        INPUT_FILE /dev/null RESULT_VARIABLE dig_rc OUTPUT_VARIABLE dig_out
        ERROR_VARIABLE dig_err TIMEOUT 20)
    list(JOIN arg_QARES " " printed)
    list(JOIN arg_DIG " " dig_printed)
    normalized(answers "${out}")
    if(arg_JOIN_HEX AND dig_out MATCHES "^([0-9]+ [0-9]+ [0-9]+) ([0-9A-Fa-f ]+)\n$")
        string(REPLACE " " "" hex "${CMAKE_MATCH_2}")
        set(dig_out "${CMAKE_MATCH_1} ${hex}\n")
    endif()
    normalized(dig_answers "${dig_out}")
    string(CONCAT what "qares-resolve ${server} +short ${printed}\n"
        "  vs dig ${dig_server} -p ${port} +short ${dig_printed}")
    if(NOT rc STREQUAL arg_EXIT)
        fail("${what}\n  qares-resolve exited with ${rc}, expected ${arg_EXIT}\n"
             "--- stdout\n${out}--- stderr\n${err}")
    elseif(NOT dig_rc EQUAL 0)
        fail("${what}\n  dig failed (${dig_rc}): ${dig_err}")
    elseif(NOT answers STREQUAL dig_answers)
        fail("${what}\n  qares-resolve: ${answers}\n  dig:           ${dig_answers}")
    elseif(arg_EXIT EQUAL 0 AND answers STREQUAL "")
        fail("${what}\n  no answers from either")
    else()
        message(STATUS "same answers: ${printed}")
    endif()
endfunction()

# Every RRset of cli.zone, by type.
foreach(question "A www.cli.test" "AAAA www.cli.test" "MX cli.test" "TXT cli.test"
        "CAA cli.test" "SOA cli.test" "NS cli.test" "SRV _imaps._tcp.cli.test"
        "HTTPS www.cli.test" "URI _http._tcp.cli.test"
        "TYPE65280 raw.cli.test")
    string(REPLACE " " ";" question "${question}")
    list(GET question 0 type)
    list(GET question 1 name)
    compare(QARES -t ${type} ${name} DIG ${type} ${name})
endforeach()
compare(QARES -t TLSA _443._tcp.www.cli.test DIG TLSA _443._tcp.www.cli.test JOIN_HEX)
# Host lookups: A and AAAA together.
compare(QARES www.cli.test v6.cli.test
    DIG www.cli.test A www.cli.test AAAA v6.cli.test A v6.cli.test AAAA)
compare(QARES -4 www.cli.test DIG www.cli.test A)
# Reverse lookups, several PTRs for one address.
compare(QARES -x 192.0.2.10 -x 192.0.2.25 DIG -x 192.0.2.10 -x 192.0.2.25)
compare(QARES -x 2001:db8::10 DIG -x 2001:db8::10)
# Failures: nothing from either, exit status 1.
compare(QARES -t A missing.cli.test DIG A missing.cli.test EXIT 1)
compare(QARES -t AAAA mx1.cli.test DIG AAAA mx1.cli.test EXIT 1)
compare(QARES txtonly.cli.test DIG txtonly.cli.test A txtonly.cli.test AAAA EXIT 1)
compare(QARES -x 192.0.2.200 DIG -x 192.0.2.200 EXIT 1)
# Transports.
compare(QARES --tcp -t MX cli.test DIG +tcp MX cli.test)
compare(QARES --edns=4096 -t TXT cli.test DIG +edns=0 +bufsize=4096 TXT cli.test)
if(ipv6 STREQUAL "1")
    compare(IPV6 QARES -t HTTPS www.cli.test DIG HTTPS www.cli.test)
endif()

execute_process(COMMAND bash "${KNOTCTL}" stop "${WORK_DIR}/knot"
    RESULT_VARIABLE rc ERROR_VARIABLE err TIMEOUT 15)
if(rc)
    fail("knotd did not stop: ${err}")
endif()
get_property(failures GLOBAL PROPERTY dig_failures)
if(failures)
    message(FATAL_ERROR "qares-resolve and dig differ\n\n${failures}")
endif()
message(STATUS "qares-resolve and dig agree")
