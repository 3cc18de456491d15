# SPDX-License-Identifier: MIT
#
# Command-line tests of qares-resolve, one CASE per ctest entry
# (examples/resolve/CMakeLists.txt registers them, label "example"):
#
#   cmake -DQARES_RESOLVE=<binary> -DCASE=<case> -DWORK_DIR=<scratch dir>
#         -DQARES_VERSION=<x.y.z> -P cli.cmake
#
# Every run either asks the tool's embedded server (--local, 127.0.0.1 only)
# or fails on its command line before a resolver exists (the usage case):
# nothing here reaches the machine's resolv.conf servers. Failures are
# collected and reported together, with the command and its output.
cmake_minimum_required(VERSION 3.21)

foreach(var QARES_RESOLVE CASE WORK_DIR)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "cli.cmake needs -D${var}=...")
    endif()
endforeach()
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

# fail(<text>...): the texts, joined, are one failure.
function(fail)
    set(message "")
    math(EXPR last "${ARGC} - 1")
    foreach(i RANGE ${last})
        string(APPEND message "${ARGV${i}}")
    endforeach()
    set_property(GLOBAL APPEND_STRING PROPERTY cli_failures "${message}\n\n")
endfunction()

# resolve(<run> [INPUT <file>] <arguments>...): runs qares-resolve with
# standard input from <file> (default /dev/null) and sets <run>_rc,
# <run>_out, <run>_err and <run>_cmd.
function(resolve run)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "INPUT" "")
    if(NOT arg_INPUT)
        set(arg_INPUT /dev/null)
    endif()
    execute_process(COMMAND "${QARES_RESOLVE}" ${arg_UNPARSED_ARGUMENTS}
        WORKING_DIRECTORY "${WORK_DIR}" INPUT_FILE "${arg_INPUT}"
        RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 30)
    list(JOIN arg_UNPARSED_ARGUMENTS " " printed)
    set(${run}_rc "${rc}" PARENT_SCOPE)
    set(${run}_out "${out}" PARENT_SCOPE)
    set(${run}_err "${err}" PARENT_SCOPE)
    set(${run}_cmd "qares-resolve ${printed}" PARENT_SCOPE)
endfunction()

function(expect_rc run expected)
    if(NOT "${${run}_rc}" STREQUAL "${expected}")
        fail("${${run}_cmd}\n  exit status ${${run}_rc}, expected ${expected}\n"
             "--- stdout\n${${run}_out}--- stderr\n${${run}_err}")
    endif()
endfunction()

# expect_match(<run> out|err <regex>), expect_no_match(...), expect_equal(<run> out|err <text>)
# (functions, not macros: macro arguments lose their backslashes)
function(expect_match run stream regex)
    if(NOT "${${run}_${stream}}" MATCHES "${regex}")
        fail("${${run}_cmd}\n  std${stream} does not match \"${regex}\"\n"
             "--- std${stream}\n${${run}_${stream}}")
    endif()
endfunction()
function(expect_no_match run stream regex)
    if("${${run}_${stream}}" MATCHES "${regex}")
        fail("${${run}_cmd}\n  std${stream} matches \"${regex}\"\n"
             "--- std${stream}\n${${run}_${stream}}")
    endif()
endfunction()
function(expect_equal run stream text)
    if(NOT "${${run}_${stream}}" STREQUAL "${text}")
        fail("${${run}_cmd}\n  std${stream} is not \"${text}\"\n"
             "--- std${stream}\n${${run}_${stream}}")
    endif()
endfunction()

include("${CMAKE_CURRENT_LIST_DIR}/lines.cmake") # sorted_lines()

# json_lines(<run> <count>): stdout is <count> lines, each one JSON object;
# sets <run>_json_<i> for each and <run>_json_count.
macro(json_lines run count)
    string(REPLACE ";" "<semicolon>" _text "${${run}_out}")
    string(REPLACE "\n" ";" _lines "${_text}")
    list(REMOVE_ITEM _lines "")
    list(LENGTH _lines ${run}_json_count)
    if(NOT ${run}_json_count EQUAL ${count})
        fail("${${run}_cmd}\n  ${${run}_json_count} lines on stdout, expected ${count}\n"
             "--- stdout\n${${run}_out}")
    endif()
    set(_i 0)
    foreach(_line IN LISTS _lines)
        string(REPLACE "<semicolon>" ";" _line "${_line}")
        string(JSON _type ERROR_VARIABLE _error TYPE "${_line}")
        if(_error OR NOT _type STREQUAL "OBJECT")
            fail("${${run}_cmd}\n  not a JSON object: ${_line} (${_error})")
        endif()
        set(${run}_json_${_i} "${_line}")
        math(EXPR _i "${_i} + 1")
    endforeach()
endmacro()

# json_find(<var> <run> <name> [<type>]): the object of <run>'s output for
# that name (and type); empty if there is none.
macro(json_find var run name)
    set(${var} "")
    set(_want_type "${ARGN}")
    if(${run}_json_count GREATER 0)
        math(EXPR _last "${${run}_json_count} - 1")
        foreach(_i RANGE ${_last})
            string(JSON _name ERROR_VARIABLE _error GET "${${run}_json_${_i}}" name)
            string(JSON _type ERROR_VARIABLE _error GET "${${run}_json_${_i}}" type)
            if(_name STREQUAL "${name}" AND (_want_type STREQUAL "" OR _type STREQUAL _want_type))
                set(${var} "${${run}_json_${_i}}")
            endif()
        endforeach()
    endif()
    if("${${var}}" STREQUAL "")
        fail("${${run}_cmd}\n  no JSON object for ${name} ${_want_type}\n--- stdout\n${${run}_out}")
    endif()
endmacro()

# expect_json(<object> <expected> <path>...): the value at <path> (members and
# indexes, as string(JSON GET)) is <expected>; NULL, ARRAY... check the type.
function(expect_json object expected)
    if(expected MATCHES "^(NULL|ARRAY|OBJECT|NUMBER|STRING|BOOLEAN)$")
        string(JSON value ERROR_VARIABLE error TYPE "${object}" ${ARGN})
    else()
        string(JSON value ERROR_VARIABLE error GET "${object}" ${ARGN})
    endif()
    if(error)
        fail("JSON ${object}\n  ${ARGN}: ${error}")
    elseif(NOT value STREQUAL expected)
        fail("JSON ${object}\n  ${ARGN} is \"${value}\", expected \"${expected}\"")
    endif()
endfunction()

# expect_json_length(<object> <expected> <path>...): the array at <path> has <expected> elements.
function(expect_json_length object expected)
    string(JSON value ERROR_VARIABLE error LENGTH "${object}" ${ARGN})
    if(error)
        fail("JSON ${object}\n  ${ARGN}: ${error}")
    elseif(NOT value EQUAL expected)
        fail("JSON ${object}\n  ${ARGN} has ${value} elements, expected ${expected}")
    endif()
endfunction()

# json_number(<var> <object> <path>...)
function(json_number var object)
    string(JSON value ERROR_VARIABLE error GET "${object}" ${ARGN})
    string(JSON type ERROR_VARIABLE error TYPE "${object}" ${ARGN})
    if(NOT type STREQUAL "NUMBER")
        fail("JSON ${object}\n  ${ARGN} is not a number")
        set(value -1)
    endif()
    set(${var} "${value}" PARENT_SCOPE)
endfunction()

set(www_any "(192\\.0\\.2\\.10 2001:db8::10|2001:db8::10 192\\.0\\.2\\.10)")

if(CASE STREQUAL "exit-status")
    # 0: every name answered; the table as before.
    resolve(ok --local www.example.test mail.example.test)
    expect_rc(ok 0)
    expect_match(ok out "www\\.example\\.test +[0-9]+ ms +${www_any} ttl 300\n")
    string(CONCAT re "mail\\.example\\.test +[0-9]+ ms +192\\.0\\.2\\.25 "
        "\\(canonical mx\\.example\\.test\\) ttl 600\n")
    expect_match(ok out "${re}")
    string(CONCAT re "\n2 lookups in [0-9]+ ms wall, [0-9]+ ms summed "
        "\\([0-9.]+x parallel\\), 0 failed\n$")
    expect_match(ok out "${re}")
    # 1: any failure, whatever its kind.
    resolve(nx --local www.example.test missing.example.test)
    expect_rc(nx 1)
    expect_match(nx out "missing\\.example\\.test +[0-9]+ ms +Host not found")
    expect_match(nx out "www\\.example\\.test +[0-9]+ ms +${www_any}")
    expect_match(nx out ", 1 failed\n$")
    resolve(servfail --local broken.example.test)
    expect_rc(servfail 1)
    expect_match(servfail out "broken\\.example\\.test +[0-9]+ ms +Server failure")
    resolve(nodata --local -t MX www.example.test)
    expect_rc(nodata 1)
    expect_match(nodata out "www\\.example\\.test MX +[0-9]+ ms +No MX records")
    resolve(invalid --local "bad..name")
    expect_rc(invalid 1)
    # Many names at once: 30 answered after 400 ms and 30 after 20 ms take
    # far less than their sum (12.6 s one after the other).
    set(many "")
    foreach(i RANGE 1 30)
        string(APPEND many "slow.example.test\nwww.example.test\n")
    endforeach()
    file(WRITE "${WORK_DIR}/many.txt" "${many}")
    resolve(many --local -f many.txt)
    expect_rc(many 0)
    expect_match(many out "\n60 lookups in [0-9]+ ms wall")
    if(many_out MATCHES "\n60 lookups in ([0-9]+) ms wall" AND CMAKE_MATCH_1 GREATER 5000)
        fail("${many_cmd}\n  took ${CMAKE_MATCH_1} ms: the lookups did not run in parallel")
    endif()
    # Not a terminal: no progress line.
    expect_no_match(many err "resolved")

elseif(CASE STREQUAL "usage-errors")
    # Exit status 2, nothing on stdout, the reason on stderr. Each of these
    # fails while the command line is read, before any lookup.
    file(WRITE "${WORK_DIR}/empty.txt" "# only a comment\n\n")
    set(n 0)
    foreach(spec
            "-t|NOPE|--local|www.example.test=unknown record type \"NOPE\""
            "-t|TYPE252|--local|www.example.test=cannot be queried"
            "-t|70000|--local|www.example.test=out of range"
            "@not-an-address|--local|www.example.test=invalid server \"not-an-address\""
            "@192.0.2.1:99999|--local|www.example.test=invalid server"
            "-s|localhost|--local|www.example.test=invalid server \"localhost\": not an IP address"
            "--local|-f|5=cannot read names from \"5\".*-4 or -6"
            "--local|-f|empty.txt=no names to resolve"
            "+short=no names to resolve"
            "--json=no names to resolve"
            "--local|--family|5|www.example.test=--family expects any, 4 or 6"
            "--local|-4|-6|www.example.test=-4 and -6 exclude each other"
            "--local|-t|MX|-4|example.test=does not combine with -t"
            "--local|--bogus|www.example.test=unknown option --bogus"
            "--local|+bogus|www.example.test=unknown option \\+bogus"
            "--local|-z|www.example.test=unknown option -z"
            "--local|--tries|0|www.example.test=--tries expects a number from 1 to 100"
            "--local|--timeout|soon|www.example.test=--timeout expects a number"
            "--local|--edns=100|www.example.test=--edns expects a number from 512 to 65535"
            "--local|--json|+short|www.example.test=exclude each other"
            "--local|@127.0.0.1|www.example.test=does not combine with @server"
            "--local|-x|nonsense=\"nonsense\" is not an IPv4 or IPv6 address"
            "--local|--reverse|www.example.test=is not an IPv4 or IPv6 address"
            "--local|-t=-t needs a value")
        string(FIND "${spec}" "=" eq REVERSE)
        string(SUBSTRING "${spec}" 0 ${eq} args)
        math(EXPR eq "${eq} + 1")
        string(SUBSTRING "${spec}" ${eq} -1 message)
        string(REPLACE "|" ";" args "${args}")
        resolve(usage${n} ${args})
        expect_rc(usage${n} 2)
        expect_equal(usage${n} out "")
        expect_match(usage${n} err "^qares-resolve: [^\n]*${message}")
        expect_match(usage${n} err "Try 'qares-resolve --help'")
        math(EXPR n "${n} + 1")
    endforeach()
    # Help and version: exit 0.
    resolve(help --help)
    expect_rc(help 0)
    foreach(option "-t, --type TYPE" "-x ADDRESS" "@SERVER\\[:PORT\\]" "--local" "\\+short"
            "--json" "--tcp" "--edns\\[=SIZE\\]" "--timeout MS" "--tries N" "--search"
            "-f, --file FILE" "-4, -6" "--version" "Exit status: 0")
        expect_match(help out "${option}")
    endforeach()
    resolve(version --version)
    expect_rc(version 0)
    expect_match(version out "^qares-resolve ${QARES_VERSION} \\(QAres ${QARES_VERSION}, Qt 6\\.")

elseif(CASE STREQUAL "json")
    resolve(hosts --local --json -4 www.example.test mail.example.test missing.example.test
        127.0.0.1)
    expect_rc(hosts 1)
    json_lines(hosts 4)
    json_find(www hosts www.example.test)
    expect_json("${www}" "host" lookup)
    expect_json("${www}" "A" type)
    expect_json("${www}" "NoError" error)
    expect_json("${www}" "STRING" errorString)
    expect_json("${www}" "NULL" rcode)
    expect_json_length("${www}" 1 answers)
    expect_json("${www}" "192.0.2.10" answers 0 address)
    expect_json("${www}" "A" answers 0 type)
    expect_json("${www}" "300" answers 0 ttl)
    expect_json("${www}" "www.example.test" canonicalName)
    expect_json("${www}" "ARRAY" aliases)
    # The embedded server answers www.example.test after 20 ms.
    json_number(ms "${www}" timeMs)
    if(ms LESS 15 OR ms GREATER 10000)
        fail("${hosts_cmd}\n  timeMs of www.example.test is ${ms}, expected about 20")
    endif()
    json_find(mail hosts mail.example.test)
    expect_json("${mail}" "mx.example.test" canonicalName)
    expect_json("${mail}" "mail.example.test" aliases 0)
    expect_json("${mail}" "600" answers 0 ttl)
    json_find(missing hosts missing.example.test)
    expect_json("${missing}" "NotFoundError" error)
    expect_json_length("${missing}" 0 answers)
    string(JSON why GET "${missing}" errorString)
    if(NOT why MATCHES "not found")
        fail("${hosts_cmd}\n  errorString of missing.example.test: \"${why}\"")
    endif()
    json_find(literal hosts 127.0.0.1)
    expect_json("${literal}" "NULL" answers 0 ttl)

    resolve(mx --local --json -t MX example.test www.example.test)
    expect_rc(mx 1)
    json_lines(mx 2)
    json_find(apex mx example.test MX)
    expect_json("${apex}" "query" lookup)
    expect_json("${apex}" "NoError" error)
    expect_json("${apex}" "0" rcode)
    expect_json_length("${apex}" 2 answers)
    expect_json("${apex}" "MX" answers 0 type)
    expect_json("${apex}" "3600" answers 0 ttl)
    string(JSON first GET "${apex}" answers 0 data)
    string(JSON second GET "${apex}" answers 1 data)
    string(CONCAT re "^(10 mx\\.example\\.test\\.\\|20 mx2\\.example\\.test\\."
        "|20 mx2\\.example\\.test\\.\\|10 mx\\.example\\.test\\.)$")
    if(NOT "${first}|${second}" MATCHES "${re}")
        fail("${mx_cmd}\n  MX data: ${first}, ${second}")
    endif()
    json_find(nodata mx www.example.test MX)
    expect_json("${nodata}" "NoDataError" error)
    expect_json("${nodata}" "0" rcode)

    resolve(ptr --local --json -x 192.0.2.10 -x 192.0.2.200)
    expect_rc(ptr 1)
    json_lines(ptr 2)
    json_find(found ptr 192.0.2.10)
    expect_json("${found}" "reverse" lookup)
    expect_json("${found}" "10.2.0.192.in-addr.arpa" qname)
    expect_json("${found}" "www.example.test." answers 0 data)
    expect_json("${found}" "300" answers 0 ttl)
    json_find(absent ptr 192.0.2.200)
    expect_json("${absent}" "NotFoundError" error)
    expect_json("${absent}" "3" rcode)

elseif(CASE STREQUAL "short")
    resolve(v4 --local +short -4 www.example.test)
    expect_rc(v4 0)
    expect_equal(v4 out "192.0.2.10\n")
    resolve(v6 --local --short -6 www.example.test)
    expect_rc(v6 0)
    expect_equal(v6 out "2001:db8::10\n")
    resolve(both --local +short www.example.test)
    expect_rc(both 0)
    sorted_lines(lines "${both_out}")
    if(NOT lines STREQUAL "192.0.2.10|2001:db8::10")
        fail("${both_cmd}\n  answers: ${lines}")
    endif()
    resolve(mx --local +short -t mx example.test)
    expect_rc(mx 0)
    sorted_lines(lines "${mx_out}")
    if(NOT lines STREQUAL "10 mx.example.test.|20 mx2.example.test.")
        fail("${mx_cmd}\n  answers: ${lines}")
    endif()
    resolve(ptr --local +short -x 192.0.2.10)
    expect_rc(ptr 0)
    expect_equal(ptr out "www.example.test.\n")
    resolve(https --local +short -t HTTPS www.example.test)
    expect_rc(https 0)
    expect_equal(https out "1 . alpn=\"h2,h3\" ipv4hint=192.0.2.10 ipv6hint=2001:db8::10\n")
    resolve(raw --local +short -t TYPE65280 raw.example.test)
    expect_rc(raw 0)
    expect_equal(raw out "\\# 3 00ff10\n")
    resolve(number --local +short -t 65280 raw.example.test)
    expect_equal(number out "\\# 3 00ff10\n")
    # A failure: nothing on stdout, the reason on stderr.
    resolve(missing --local +short -4 www.example.test missing.example.test)
    expect_rc(missing 1)
    expect_equal(missing out "192.0.2.10\n")
    expect_match(missing err "qares-resolve: missing\\.example\\.test: Host not found")

elseif(CASE STREQUAL "records")
    resolve(mx --local -t MX example.test)
    expect_rc(mx 0)
    string(CONCAT re "example\\.test MX +[0-9]+ ms +[12]0 mx2?\\.example\\.test\\. ttl 3600\n"
        " +[12]0 mx2?\\.example\\.test\\. ttl 3600\n")
    expect_match(mx out "${re}")
    resolve(txt --local -t txt example.test)
    expect_rc(txt 0)
    expect_match(txt out "example\\.test TXT +[0-9]+ ms +\"v=spf1 mx -all\" ttl 3600\n")
    resolve(srv --local -t SRV _imaps._tcp.example.test)
    expect_rc(srv 0)
    string(CONCAT re "_imaps\\._tcp\\.example\\.test SRV +[0-9]+ ms "
        "+0 5 993 mx\\.example\\.test\\. ttl 3600\n")
    expect_match(srv out "${re}")
    # A CNAME is followed; the records are those of its target.
    resolve(cname --local -t A mail.example.test)
    expect_rc(cname 0)
    string(CONCAT re "mail\\.example\\.test A +[0-9]+ ms +192\\.0\\.2\\.25 ttl 600 "
        "\\(canonical mx\\.example\\.test\\)\n")
    expect_match(cname out "${re}")
    # Every name is asked for every type.
    resolve(cross --local --json -t A -t MX example.test mx.example.test)
    expect_rc(cross 1)
    json_lines(cross 4)
    json_find(a cross mx.example.test A)
    expect_json("${a}" "192.0.2.25" answers 0 data)

elseif(CASE STREQUAL "reverse")
    resolve(mixed --local -x 192.0.2.10 www.example.test -x 2001:db8::10 --ordered)
    expect_rc(mixed 0)
    string(CONCAT re "^192\\.0\\.2\\.10 PTR +[0-9]+ ms +www\\.example\\.test\\. ttl 300\n"
        "www\\.example\\.test +[0-9]+ ms +${www_any} ttl 300\n"
        "2001:db8::10 PTR +[0-9]+ ms +www\\.example\\.test\\. ttl 300\n")
    expect_match(mixed out "${re}")
    resolve(flag --local +short --reverse 192.0.2.25 2001:db8::6)
    expect_rc(flag 0)
    sorted_lines(lines "${flag_out}")
    if(NOT lines STREQUAL "mx.example.test.|v6.example.test.")
        fail("${flag_cmd}\n  answers: ${lines}")
    endif()
    resolve(absent --local -x 198.51.100.1)
    expect_rc(absent 1)
    expect_match(absent out "198\\.51\\.100\\.1 PTR +[0-9]+ ms +[^\n]*not found")

elseif(CASE STREQUAL "transport")
    # The embedded server counts what it received (stderr, at the end).
    resolve(udp --local +short -4 www.example.test)
    expect_rc(udp 0)
    expect_match(udp err "received 1 query: 1 over UDP, 0 over TCP")
    resolve(tcp --local --tcp +short -4 www.example.test)
    expect_rc(tcp 0)
    expect_equal(tcp out "192.0.2.10\n")
    expect_match(tcp err "received 1 query: 0 over UDP, 1 over TCP")
    resolve(vc --local +vc +short -t MX example.test)
    expect_rc(vc 0)
    expect_match(vc err "received 1 query: 0 over UDP, 1 over TCP")
    resolve(edns --local --edns=1400 +short -4 www.example.test)
    expect_rc(edns 0)
    expect_equal(edns out "192.0.2.10\n")
    expect_match(edns err "1 over UDP, 0 over TCP, 1 with EDNS")
    resolve(edns_default --local --edns --tcp +short -t TXT example.test)
    expect_rc(edns_default 0)
    expect_match(edns_default err "0 over UDP, 1 over TCP, 1 with EDNS")

elseif(CASE STREQUAL "files")
    file(WRITE "${WORK_DIR}/names.txt" "# hosts\nwww.example.test\n\n  mail.example.test  \n")
    resolve(file --local --ordered +short -4 -f names.txt)
    expect_rc(file 0)
    expect_equal(file out "192.0.2.10\n192.0.2.25\n")
    resolve(stdin INPUT "${WORK_DIR}/names.txt" --local --ordered +short -6 -f - v6.example.test)
    expect_rc(stdin 1)
    expect_equal(stdin out "2001:db8::10\n2001:db8::6\n")
    expect_match(stdin err "mail\\.example\\.test: ")
    file(WRITE "${WORK_DIR}/addresses.txt" "192.0.2.10\nnot-an-address\n")
    resolve(reverse --local --json --reverse -f addresses.txt)
    expect_rc(reverse 1)
    json_lines(reverse 2)
    json_find(good reverse 192.0.2.10)
    expect_json("${good}" "www.example.test." answers 0 data)
    json_find(bad reverse not-an-address)
    expect_json("${bad}" "InvalidRequestError" error)

elseif(CASE STREQUAL "search")
    # Without --search the name is asked as given, as dig does.
    resolve(plain --local +short www)
    expect_rc(plain 1)
    expect_equal(plain out "")
    resolve(search --local --search --domain example.test --ndots 1 +short -4 www)
    expect_rc(search 0)
    expect_equal(search out "192.0.2.10\n")
    resolve(plus --local +search --domain=test --ndots=1 --json -t MX example)
    expect_rc(plus 0)
    json_lines(plus 1)
    json_find(apex plus example MX)
    expect_json("${apex}" "search" lookup)
    expect_json_length("${apex}" 2 answers)

elseif(CASE STREQUAL "timeout")
    # blackhole.example.test never answers: --timeout and --tries bound the wait
    # (c-ares doubles the timeout every round: 300, then 600 and 1200 ms; from
    # 1.22 it takes up to half off each retry at random: 1200 to 2100 ms in all).
    resolve(once --local --json -4 --timeout 300 --tries 1 blackhole.example.test)
    expect_rc(once 1)
    json_lines(once 1)
    expect_json("${once_json_0}" "TimeoutError" error)
    json_number(once_ms "${once_json_0}" timeMs)
    resolve(thrice --local --json -4 --timeout 300 --tries 3 blackhole.example.test)
    expect_rc(thrice 1)
    json_lines(thrice 1)
    expect_json("${thrice_json_0}" "TimeoutError" error)
    json_number(thrice_ms "${thrice_json_0}" timeMs)
    if(once_ms LESS 250 OR once_ms GREATER 1500 OR thrice_ms LESS 1150)
        fail("one try took ${once_ms} ms (expected about 300), "
             "three ${thrice_ms} ms (expected 1200 to 2100)")
    endif()
    resolve(deadline --local --json -4 --timeout 5000 --deadline 300 blackhole.example.test)
    expect_rc(deadline 1)
    json_lines(deadline 1)
    expect_json("${deadline_json_0}" "TimeoutError" error)
    json_number(deadline_ms "${deadline_json_0}" timeMs)
    if(deadline_ms GREATER 3000)
        fail("${deadline_cmd}\n  took ${deadline_ms} ms despite --deadline 300")
    endif()

elseif(CASE STREQUAL "progress")
    # On a terminal (script(1) gives one) with more than 20 names: the
    # progress line on stderr; never when stderr is not a terminal.
    set(names "")
    foreach(i RANGE 1 25)
        string(APPEND names "www.example.test\n")
    endforeach()
    file(WRITE "${WORK_DIR}/names.txt" "${names}")
    resolve(pipe --local +short -4 -f names.txt)
    expect_rc(pipe 0)
    expect_no_match(pipe err "resolved")
    find_program(SCRIPT script)
    if(NOT SCRIPT)
        message("script(1) not found: SKIPPED the terminal half")
        return()
    endif()
    execute_process(
        COMMAND "${SCRIPT}" -qec "'${QARES_RESOLVE}' --local +short -4 -f names.txt" /dev/null
        WORKING_DIRECTORY "${WORK_DIR}" INPUT_FILE /dev/null
        RESULT_VARIABLE tty_rc OUTPUT_VARIABLE tty_out ERROR_VARIABLE tty_err TIMEOUT 30)
    set(tty_cmd "script -qec 'qares-resolve --local +short -4 -f names.txt' /dev/null")
    expect_rc(tty 0)
    expect_match(tty out "\rresolved [0-9]+/25")
    # Cleared at the end: the last "resolved" is overwritten with blanks.
    expect_match(tty out "resolved 25/25\r +\r")
else()
    message(FATAL_ERROR "unknown CASE \"${CASE}\"")
endif()

get_property(failures GLOBAL PROPERTY cli_failures)
if(failures)
    message(FATAL_ERROR "${CASE}: failed\n\n${failures}")
endif()
message(STATUS "${CASE}: passed")
