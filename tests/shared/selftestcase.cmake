# SPDX-License-Identifier: MIT
# include()d by the self-tests of the tree's own CMake checks
# (tests/docs/check-snippets-selftest.cmake, tests/lint/check-line-length-selftest.cmake).
#
# selftest_case(NAME EXPECT RC OUTPUT TEXT): whether one case came out as expected
# (EXPECT ok: RC is 0; fail: it is not) and, when OUTPUT is not empty, TEXT (what the check
# printed) matches the regular expression OUTPUT; says so, and counts the cases that did not.
# selftest_finish(WHAT): fails WHAT when a case did not come out as expected.
function(selftest_case name expect rc output text)
    set(ok TRUE)
    if(expect STREQUAL "ok" AND NOT rc EQUAL 0)
        set(ok FALSE)
    elseif(expect STREQUAL "fail" AND rc EQUAL 0)
        set(ok FALSE)
    endif()
    if(output AND NOT "${text}" MATCHES "${output}")
        set(ok FALSE)
    endif()
    if(ok)
        message(STATUS "${name}: ${expect}, as expected")
    else()
        message("${name}: error: expected ${expect} (${output}), exit ${rc}:\n${text}")
        set_property(GLOBAL APPEND PROPERTY QARES_SELFTEST_FAILURES "${name}")
    endif()
endfunction()

function(selftest_finish what)
    get_property(failed GLOBAL PROPERTY QARES_SELFTEST_FAILURES)
    if(failed)
        list(LENGTH failed count)
        message(FATAL_ERROR "${what}: ${count} case(s) went wrong: ${failed}")
    endif()
    message(STATUS "${what}: every case as expected")
endfunction()
