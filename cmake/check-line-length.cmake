# SPDX-License-Identifier: MIT
# cmake -DSOURCE_DIR=<checkout> [-DLIMIT=<columns>] [-DPATHS=<path>,...]
#       [-DEXCLUDE=<path>,...] -P check-line-length.cmake
#
# Fails on a line longer than LIMIT (100) columns in the source and build files
# (.cpp .h .qml .js .cmake .in .sh .gp .py, CMakeLists.txt) of the paths that
# are clean, listed below; a column is a UTF-8 character (a tab counts one).
# Data files (zone files, suppression lists) and prose (.md) are not checked.
# A path is a folder (all below it), a file or a glob, from SOURCE_DIR; PATHS
# and EXCLUDE replace the lists below (the self-test uses them).
#
# When a folder is clean, add it here: this is the one list of them.
cmake_minimum_required(VERSION 3.21)

set(clean_paths
    .clang-format
    cmake
    docs/snippets
    examples
    src/answer
    src/cache
    src/cares/dnsstream_p.h
    src/aresrecord*
    src/areserror*
    src/cares/aresstatus*
    src/testserver
    qml
    src/wire
    tests
)
# Inside the clean paths, the ones that are not clean yet.
set(excluded_paths
    tests/auto/dot
    tests/interop/tst_dotinterop.cpp
)

if(NOT IS_DIRECTORY "${SOURCE_DIR}")
    message(FATAL_ERROR "check-line-length: SOURCE_DIR '${SOURCE_DIR}' is not a directory")
endif()
if(NOT LIMIT)
    set(LIMIT 100)
endif()
if(DEFINED PATHS)
    string(REPLACE "," ";" clean_paths "${PATHS}")
endif()
if(DEFINED EXCLUDE)
    string(REPLACE "," ";" excluded_paths "${EXCLUDE}")
endif()

set(checked_names "[.](cpp|h|qml|js|cmake|in|sh|gp|py)$|^CMakeLists[.]txt$|^[.]clang-format$")
set(files "")
foreach(path IN LISTS clean_paths)
    if(IS_DIRECTORY "${SOURCE_DIR}/${path}")
        file(GLOB_RECURSE found LIST_DIRECTORIES false RELATIVE "${SOURCE_DIR}"
            "${SOURCE_DIR}/${path}/*")
    else()
        file(GLOB found LIST_DIRECTORIES false RELATIVE "${SOURCE_DIR}" "${SOURCE_DIR}/${path}")
        if(NOT found)
            message(FATAL_ERROR "check-line-length: ${path} names no file in ${SOURCE_DIR}")
        endif()
    endif()
    list(APPEND files ${found})
endforeach()
list(REMOVE_DUPLICATES files)
list(SORT files)

# UTF-8 continuation octets (0x80-0xbf) are not columns. ';', '\\' and brackets
# would split (or join) CMake list items: they become a stand-in before the split.
string(ASCII 128 first_continuation)
string(ASCII 191 last_continuation)
string(ASCII 1 stand_in)
math(EXPR longest_ok "${LIMIT}")
math(EXPR at_least "${LIMIT} + 1")
string(REPEAT "[^\n]" ${at_least} longer_in_octets)
set(failures 0)
set(count 0)
foreach(file IN LISTS files)
    set(skip FALSE)
    foreach(excluded IN LISTS excluded_paths)
        if(file STREQUAL excluded OR file MATCHES "^${excluded}/")
            set(skip TRUE)
        endif()
    endforeach()
    get_filename_component(name "${file}" NAME)
    if(skip OR NOT name MATCHES "${checked_names}")
        continue()
    endif()
    math(EXPR count "${count} + 1")
    file(READ "${SOURCE_DIR}/${file}" text)
    # Octets first, the cheap test: only a line of more than LIMIT octets can be too long.
    if(NOT text MATCHES "${longer_in_octets}")
        continue()
    endif()
    string(REGEX REPLACE "[${first_continuation}-${last_continuation}]" "" text "${text}")
    string(REPLACE "\\" "${stand_in}" text "${text}")
    string(REPLACE ";" "${stand_in}" text "${text}")
    string(REPLACE "[" "${stand_in}" text "${text}")
    string(REPLACE "]" "${stand_in}" text "${text}")
    string(REPLACE "\n" ";" lines "${text}")
    set(number 0)
    foreach(line IN LISTS lines)
        math(EXPR number "${number} + 1")
        string(LENGTH "${line}" columns)
        if(columns GREATER longest_ok)
            message("${file}:${number}: ${columns} columns, more than ${LIMIT}")
            math(EXPR failures "${failures} + 1")
        endif()
    endforeach()
endforeach()

if(failures)
    message(FATAL_ERROR "check-line-length: ${failures} line(s) longer than ${LIMIT} columns "
        "(wrap them; clang-format-14 --lines=N:N FILE, with the .clang-format at the top)")
endif()
message(STATUS "check-line-length: ${count} files, no line longer than ${LIMIT} columns")
