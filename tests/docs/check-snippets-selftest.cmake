# SPDX-License-Identifier: MIT
# cmake -DCHECK=<docs/check-snippets.cmake> -DWORK_DIR=<scratch> -P check-snippets-selftest.cmake
#
# Runs check-snippets.cmake on small made-up checkouts: it must pass where
# every block is its file (contents with the characters CMake strings trip
# on: ; [ ] \ $ { } and quotes) and fail, saying why, on each kind of
# mismatch.
cmake_minimum_required(VERSION 3.21)

set(tricky [==[// a; b [[c]] \n "d" ${e} $<f> \
int main() { return 0; }
]==])
set(fence "```")

# check_case(NAME EXPECT ok|fail [OUTPUT regex] [REQUIRED pairs] GUIDE text)
# writes WORK_DIR/NAME with src/a.cpp (tricky) and docs/guide.md (GUIDE), runs the check.
set(failures 0)
function(check_case name)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "EXPECT;OUTPUT;REQUIRED;GUIDE" "")
    set(dir "${WORK_DIR}/${name}")
    file(REMOVE_RECURSE "${dir}")
    file(WRITE "${dir}/src/a.cpp" "${tricky}")
    file(WRITE "${dir}/docs/guide.md" "${arg_GUIDE}")
    execute_process(COMMAND "${CMAKE_COMMAND}" "-DSOURCE_DIR=${dir}" "-DREQUIRED=${arg_REQUIRED}" -P "${CHECK}"
        WORKING_DIRECTORY "${dir}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    set(ok TRUE)
    if(arg_EXPECT STREQUAL "ok" AND NOT rc EQUAL 0)
        set(ok FALSE)
    elseif(arg_EXPECT STREQUAL "fail" AND rc EQUAL 0)
        set(ok FALSE)
    endif()
    if(arg_OUTPUT AND NOT "${out}${err}" MATCHES "${arg_OUTPUT}")
        set(ok FALSE)
    endif()
    if(ok)
        message(STATUS "${name}: ${arg_EXPECT}, as expected")
    else()
        message("${name}: error: expected ${arg_EXPECT} (${arg_OUTPUT}), exit ${rc}:\n${out}${err}")
        math(EXPR failures "${failures} + 1")
        set(failures ${failures} PARENT_SCOPE)
    endif()
endfunction()

check_case(equal EXPECT ok OUTPUT "1 block\\(s\\)" REQUIRED "docs/guide.md=src/a.cpp"
    GUIDE "# Guide\n\nQuoted in a line, `<!-- file: src/none.cpp -->` is no marker.\n\n<!-- file: src/a.cpp -->\n${fence}cpp\n${tricky}${fence}\n\nAfter.\n")
check_case(equal-at-end EXPECT ok REQUIRED "docs/guide.md=src/a.cpp"
    GUIDE "<!-- file: src/a.cpp -->\n${fence}cpp\n${tricky}${fence}")
check_case(differs EXPECT fail OUTPUT "the block differs from src/a.cpp"
    GUIDE "<!-- file: src/a.cpp -->\n${fence}cpp\n${tricky}// one line more\n${fence}\n")
check_case(last-newline EXPECT fail OUTPUT "the block differs from src/a.cpp"
    GUIDE "<!-- file: src/a.cpp -->\n${fence}cpp\n${tricky}\n${fence}\n")
check_case(no-block EXPECT fail OUTPUT "is not followed by a fenced code block"
    GUIDE "<!-- file: src/a.cpp -->\n\n${fence}cpp\n${tricky}${fence}\n")
check_case(not-closed EXPECT fail OUTPUT "is not closed"
    GUIDE "<!-- file: src/a.cpp -->\n${fence}cpp\n${tricky}")
check_case(no-file EXPECT fail OUTPUT "src/b.cpp, which is not a file"
    GUIDE "<!-- file: src/b.cpp -->\n${fence}cpp\n${tricky}${fence}\n")
check_case(malformed EXPECT fail OUTPUT "malformed marker"
    GUIDE "<!-- file: src/a.cpp-->\n${fence}cpp\n${tricky}${fence}\n")
check_case(required-missing EXPECT fail OUTPUT "docs/guide.md does not show src/a.cpp"
    REQUIRED "docs/guide.md=src/a.cpp" GUIDE "# Guide\n\n${fence}cpp\n${tricky}${fence}\n")

if(failures)
    message(FATAL_ERROR "check-snippets-selftest: ${failures} case(s) went wrong")
endif()
message(STATUS "check-snippets-selftest: every case as expected")
