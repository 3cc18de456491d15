# SPDX-License-Identifier: MIT
# cmake -DSOURCE_DIR=<checkout> [-DREQUIRED=<doc>=<file>,...] [-DWORK_DIR=<scratch>]
#       [-DCXX=<compiler> -DCXX_FLAGS_FILE=<file> -DIMPLICIT_INCLUDES=<dir>,...
#        -DFEATURES=<name>,...]
#       [-DQMLLINT=<qmllint> -DQML_IMPORT_PATH=<dir>,...] -P check-snippets.cmake
#
# Every C++ and QML code block of the guides (README.md and docs/*.md: a
# fenced block whose language is cpp, c++ or qml) is checked, as the line
# right before its opening fence says:
#
#   <!-- file: examples/minimal/main.cpp -->
#       the block is that file (path from SOURCE_DIR), byte for byte; the file
#       is built or linted where it lives (an example, a test, the demo).
#   <!-- compile: docs/snippets/member.cpp -->
#       a C++ fragment: pasted into that wrapper file in place of its line
#       "// @snippet@" and compiled with CXX, the flags of CXX_FLAGS_FILE (one
#       per line: -I, -isystem, -D of the build tree's QAres and Qt; not those of
#       IMPLICIT_INCLUDES, the compiler's own directories) and
#       -Wall -Wextra -Wpedantic -Werror, as C++17 unless the wrapper has a
#       line "// snippet-std: c++20". A wrapper's "// snippet-needs: NAME" line
#       names what the build must have (FEATURES); without it the block is
#       reported as not compiled. "#line" directives make the compiler report
#       the guide's lines.
#   <!-- qmllint: docs/snippets/item.qml -->
#       a QML fragment, pasted into that wrapper the same way and linted with
#       QMLLINT (-I each of QML_IMPORT_PATH); any warning fails, as in the
#       qmllint test of tests/qml. "<!-- qmllint -->": the block is a whole
#       QML document. Without QMLLINT (a build without the QML module) QML
#       blocks are reported as not linted.
#
# It fails if a C++ or QML block has no such line, if a "file:" block differs
# from its file (showing the diff), if a fragment does not compile or lint
# (showing why), if a marker is not followed by a fenced block, or if a pair
# of REQUIRED (a guide and a file, both from SOURCE_DIR) has no "file:" block.
# Other blocks (sh, cmake, text) are not checked.
cmake_minimum_required(VERSION 3.21)

if(NOT IS_DIRECTORY "${SOURCE_DIR}")
    message(FATAL_ERROR "check-snippets: SOURCE_DIR '${SOURCE_DIR}' is not a directory")
endif()
if(NOT WORK_DIR)
    set(WORK_DIR "${CMAKE_CURRENT_BINARY_DIR}/check-snippets")
endif()
find_program(DIFF diff)
string(REPLACE "," ";" features "${FEATURES}")
string(REPLACE "," ";" qml_import_path "${QML_IMPORT_PATH}")
set(cxx_flags "")
if(CXX_FLAGS_FILE)
    file(STRINGS "${CXX_FLAGS_FILE}" cxx_flags)
    list(REMOVE_DUPLICATES cxx_flags)
    # The compiler's own directories stay out, as CMake leaves them out: an
    # -isystem /usr/include breaks libstdc++'s #include_next.
    string(REPLACE "," ";" implicit "${IMPLICIT_INCLUDES}")
    foreach(dir IN LISTS implicit)
        list(REMOVE_ITEM cxx_flags "-I${dir}" "-isystem${dir}")
    endforeach()
endif()

# newlines(TEXT OUT): how many lines TEXT has before its end.
function(newlines text out)
    string(REGEX MATCHALL "\n" nls "${text}")
    list(LENGTH nls n)
    set(${out} ${n} PARENT_SCOPE)
endfunction()

# paste(WRAPPER BLOCK GUIDE LINE OUT [LINE_DIRECTIVES]): the wrapper's text
# with BLOCK in place of its "// @snippet@" line; empty if it has none.
function(paste wrapper block guide line out directives)
    file(READ "${SOURCE_DIR}/${wrapper}" text)
    string(FIND "${text}" "// @snippet@\n" at)
    if(at EQUAL -1)
        set(${out} "" PARENT_SCOPE)
        return()
    endif()
    string(SUBSTRING "${text}" 0 ${at} head)
    math(EXPR after "${at} + 13")
    string(SUBSTRING "${text}" ${after} -1 tail)
    if(directives)
        newlines("${head}" wline)
        math(EXPR wline "${wline} + 2")
        set(${out} "${head}#line ${line} \"${guide}\"\n${block}#line ${wline} \"${wrapper}\"\n${tail}" PARENT_SCOPE)
    else()
        set(${out} "${head}${block}${tail}" PARENT_SCOPE)
    endif()
endfunction()

file(GLOB guides RELATIVE "${SOURCE_DIR}" "${SOURCE_DIR}/README.md" "${SOURCE_DIR}/docs/*.md")
set(errors 0)
set(shown "")
set(counts_file 0)
set(counts_compiled 0)
set(counts_linted 0)
set(counts_unchecked 0)
set(fence "```")
foreach(guide IN LISTS guides)
    file(READ "${SOURCE_DIR}/${guide}" text)
    set(text "\n${text}")

    # Every marker must be followed by a fenced block.
    set(rest "${text}")
    while(TRUE)
        string(REGEX MATCH "\n<!-- (file|compile|qmllint)[^\n]*" marker "${rest}")
        if(NOT marker)
            break()
        endif()
        string(FIND "${rest}" "${marker}" at)
        string(LENGTH "${marker}" len)
        math(EXPR at "${at} + ${len}")
        string(SUBSTRING "${rest}" ${at} -1 rest)
        string(SUBSTRING "${marker}" 1 -1 marker)
        if(NOT marker MATCHES "^<!-- (file: [^ ]+|compile: [^ ]+|qmllint|qmllint: [^ ]+) -->$")
            message("${guide}: error: malformed marker '${marker}' (expected '<!-- file: PATH -->', "
                "'<!-- compile: WRAPPER -->', '<!-- qmllint -->' or '<!-- qmllint: WRAPPER -->')")
            math(EXPR errors "${errors} + 1")
        elseif(NOT rest MATCHES "^\n${fence}")
            message("${guide}: error: '${marker}' is not followed by a fenced code block")
            math(EXPR errors "${errors} + 1")
        endif()
    endwhile()

    # Every fenced block, with the line before it.
    set(rest "${text}")
    set(consumed 0)
    while(TRUE)
        string(FIND "${rest}" "\n${fence}" at)
        if(at EQUAL -1)
            break()
        endif()
        string(SUBSTRING "${rest}" 0 ${at} before)
        string(FIND "${before}" "\n" nl REVERSE)
        set(previous "")
        if(NOT nl EQUAL -1)
            math(EXPR nl "${nl} + 1")
            string(SUBSTRING "${before}" ${nl} -1 previous)
        endif()
        # The line number of the block's first line in the guide.
        string(SUBSTRING "${text}" 0 ${consumed} done)
        newlines("${done}${before}" line)
        math(EXPR line "${line} + 2")
        math(EXPR at "${at} + 1")
        string(SUBSTRING "${rest}" ${at} -1 rest)
        math(EXPR consumed "${consumed} + ${at}")
        if(NOT rest MATCHES "^${fence}([A-Za-z0-9_+-]*)[^\n]*\n")
            # A fence at the very end, or with text the check does not know.
            string(SUBSTRING "${rest}" 3 -1 rest)
            math(EXPR consumed "${consumed} + 3")
            continue()
        endif()
        set(lang "${CMAKE_MATCH_1}")
        string(LENGTH "${CMAKE_MATCH_0}" open)
        string(SUBSTRING "${rest}" ${open} -1 rest)
        math(EXPR consumed "${consumed} + ${open}")
        # The block: from the line after its opening fence up to the line of
        # its closing fence, the last newline included.
        string(FIND "\n${rest}\n" "\n${fence}\n" close)
        if(close EQUAL -1)
            message("${guide}:${line}: error: the block is not closed")
            math(EXPR errors "${errors} + 1")
            break()
        endif()
        string(SUBSTRING "${rest}" 0 ${close} block)
        string(SUBSTRING "${rest}" ${close} -1 rest)
        math(EXPR consumed "${consumed} + ${close}")
        # Skip the closing fence itself.
        string(LENGTH "${rest}" left)
        if(left GREATER_EQUAL 3)
            string(SUBSTRING "${rest}" 3 -1 rest)
            math(EXPR consumed "${consumed} + 3")
        else()
            set(rest "")
        endif()
        string(MAKE_C_IDENTIFIER "${guide}_${line}" stem)

        if(previous MATCHES "^<!-- file: ([^ ]+) -->$")
            set(path "${CMAKE_MATCH_1}")
            list(APPEND shown "${guide}=${path}")
            math(EXPR counts_file "${counts_file} + 1")
            if(NOT EXISTS "${SOURCE_DIR}/${path}" OR IS_DIRECTORY "${SOURCE_DIR}/${path}")
                message("${guide}: error: the block shows ${path}, which is not a file")
                math(EXPR errors "${errors} + 1")
                continue()
            endif()
            file(READ "${SOURCE_DIR}/${path}" contents)
            if(block STREQUAL contents)
                message(STATUS "${guide}: the block of ${path} is the file")
                continue()
            endif()
            message("${guide}: error: the block differs from ${path}; copy the file into it:")
            math(EXPR errors "${errors} + 1")
            if(DIFF)
                set(scratch "${WORK_DIR}/${stem}.block")
                file(WRITE "${scratch}" "${block}")
                execute_process(COMMAND "${DIFF}" -u --label "${path}" --label "${guide}" "${SOURCE_DIR}/${path}" "${scratch}")
            endif()
            continue()
        endif()

        if(NOT lang MATCHES "^(cpp|c\\+\\+|qml)$")
            continue()
        endif()
        set(wrapper "")
        if(previous MATCHES "^<!-- (compile|qmllint): ([^ ]+) -->$")
            set(kind "${CMAKE_MATCH_1}")
            set(wrapper "${CMAKE_MATCH_2}")
        elseif(previous STREQUAL "<!-- qmllint -->")
            set(kind "qmllint")
        else()
            message("${guide}:${line}: error: a ${lang} block without '<!-- file: PATH -->', "
                "'<!-- compile: WRAPPER -->' or '<!-- qmllint[: WRAPPER] -->' before it: nothing checks it")
            math(EXPR errors "${errors} + 1")
            continue()
        endif()
        if((kind STREQUAL "compile" AND lang STREQUAL "qml") OR (kind STREQUAL "qmllint" AND NOT lang STREQUAL "qml"))
            message("${guide}:${line}: error: '${previous}' does not fit a ${lang} block")
            math(EXPR errors "${errors} + 1")
            continue()
        endif()
        if(wrapper AND (NOT EXISTS "${SOURCE_DIR}/${wrapper}" OR IS_DIRECTORY "${SOURCE_DIR}/${wrapper}"))
            message("${guide}:${line}: error: the wrapper ${wrapper} is not a file")
            math(EXPR errors "${errors} + 1")
            continue()
        endif()

        if(kind STREQUAL "compile")
            paste("${wrapper}" "${block}" "${guide}" ${line} source TRUE)
            if(source STREQUAL "")
                message("${guide}:${line}: error: the wrapper ${wrapper} has no line '// @snippet@'")
                math(EXPR errors "${errors} + 1")
                continue()
            endif()
            set(std "c++17")
            if("\n${source}" MATCHES "\n// snippet-std: ([a-z0-9+]+)\n")
                set(std "${CMAKE_MATCH_1}")
            endif()
            string(REGEX MATCHALL "\n// snippet-needs: [A-Za-z0-9_]+" needs "\n${source}")
            set(missing "")
            foreach(need IN LISTS needs)
                string(REGEX REPLACE "^\n// snippet-needs: " "" need "${need}")
                if(NOT need IN_LIST features)
                    list(APPEND missing "${need}")
                endif()
            endforeach()
            if(missing)
                message(STATUS "${guide}:${line}: not compiled: ${wrapper} needs ${missing}, which this build lacks")
                math(EXPR counts_unchecked "${counts_unchecked} + 1")
                continue()
            endif()
            if(NOT CXX)
                message("${guide}:${line}: error: a C++ fragment, and no compiler (CXX) to compile it")
                math(EXPR errors "${errors} + 1")
                continue()
            endif()
            set(file "${WORK_DIR}/${stem}.cpp")
            file(WRITE "${file}" "${source}")
            execute_process(COMMAND "${CXX}" -std=${std} -fPIC -Wall -Wextra -Wpedantic -Werror ${cxx_flags}
                    -fsyntax-only "${file}"
                WORKING_DIRECTORY "${SOURCE_DIR}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
            if(NOT rc EQUAL 0)
                message("${guide}:${line}: error: the block does not compile in ${wrapper} (${file}):\n${out}")
                math(EXPR errors "${errors} + 1")
                continue()
            endif()
            message(STATUS "${guide}:${line}: compiles in ${wrapper}")
            math(EXPR counts_compiled "${counts_compiled} + 1")
        else()
            # The guide's line of a line of the linted file: its number + delta.
            math(EXPR delta "${line} - 1")
            set(in "")
            if(wrapper)
                paste("${wrapper}" "${block}" "${guide}" ${line} source FALSE)
                if(source STREQUAL "")
                    message("${guide}:${line}: error: the wrapper ${wrapper} has no line '// @snippet@'")
                    math(EXPR errors "${errors} + 1")
                    continue()
                endif()
                file(READ "${SOURCE_DIR}/${wrapper}" wrapped)
                string(FIND "${wrapped}" "// @snippet@\n" at)
                string(SUBSTRING "${wrapped}" 0 ${at} head)
                newlines("${head}" wline)
                math(EXPR delta "${line} - ${wline} - 1")
                set(in " in ${wrapper}")
            else()
                set(source "${block}")
            endif()
            if(NOT QMLLINT)
                message(STATUS "${guide}:${line}: not linted: no qmllint (a build without the QML module)")
                math(EXPR counts_unchecked "${counts_unchecked} + 1")
                continue()
            endif()
            # A QML document's file name is a type name: upper case first.
            set(file "${WORK_DIR}/Snippet_${stem}.qml")
            file(WRITE "${file}" "${source}")
            set(imports "")
            foreach(dir IN LISTS qml_import_path)
                list(APPEND imports -I "${dir}")
            endforeach()
            execute_process(COMMAND "${QMLLINT}" ${imports} "${file}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
            if(NOT rc EQUAL 0 OR out MATCHES "Warning:")
                message("${guide}:${line}: error: the block does not pass qmllint${in} (${file}; "
                    "its line N is line N + ${delta} of ${guide}):\n${out}")
                math(EXPR errors "${errors} + 1")
                continue()
            endif()
            message(STATUS "${guide}:${line}: passes qmllint${in}")
            math(EXPR counts_linted "${counts_linted} + 1")
        endif()
    endwhile()
endforeach()

string(REPLACE "," ";" required "${REQUIRED}")
foreach(pair IN LISTS required)
    if(NOT pair IN_LIST shown)
        string(REPLACE "=" " does not show " what "${pair}")
        message("error: ${what} (no '<!-- file: ... -->' block)")
        math(EXPR errors "${errors} + 1")
    endif()
endforeach()

set(summary "${counts_file} block(s) shown from files, ${counts_compiled} compiled, ${counts_linted} linted")
if(counts_unchecked)
    string(APPEND summary ", ${counts_unchecked} not checked by this build")
endif()
if(errors)
    message(FATAL_ERROR "check-snippets: ${errors} error(s); ${summary}")
endif()
message(STATUS "check-snippets: ${summary}")
