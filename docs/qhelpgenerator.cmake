# SPDX-License-Identifier: MIT
# cmake -DQHELPGENERATOR=<exe> -DQHP=<index.qhp> -DQCH=<out.qch> -P qhelpgenerator.cmake
#
# Makes the .qch. qhelpgenerator reports a file the help project lists but
# the HTML lacks, or a link to a file outside the project (-c), as a
# "Warning:" line and still exits with 0: here any such line fails.
#
# Doxygen 1.9.4 gives each keyword of the help project an id with its anchor
# appended ("AresResolver_", "AresResolver::abortAll_a918ee39..."), which
# context help does not find: Qt Creator's F1 asks for "AresResolver" and
# "AresResolver::abortAll", as in Qt's own .qch files. The ids are cut back
# to that first.
cmake_minimum_required(VERSION 3.21)

file(READ "${QHP}" project)
string(REGEX REPLACE " id=\"([^\"]*)_(a[0-9a-f]+)?\"" " id=\"\\1\"" project "${project}")
file(WRITE "${QHP}" "${project}")

execute_process(
    COMMAND "${QHELPGENERATOR}" "${QHP}" -c -s -o "${QCH}"
    RESULT_VARIABLE result
    OUTPUT_VARIABLE output
    ERROR_VARIABLE output)
# Qt's note that XDG_RUNTIME_DIR is not set (as in CI) says nothing about the help.
string(REGEX REPLACE "QStandardPaths: XDG_RUNTIME_DIR [^\n]*\n?" "" output "${output}")
string(STRIP "${output}" output)
if(NOT output STREQUAL "")
    message("${output}")
endif()
if(NOT result EQUAL 0 OR output MATCHES "[Ww]arning|[Ee]rror")
    file(REMOVE "${QCH}")
    message(FATAL_ERROR "qhelpgenerator: ${QHP} did not make a clean ${QCH} (exit status ${result})")
endif()
