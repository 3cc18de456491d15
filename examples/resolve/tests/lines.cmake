# SPDX-License-Identifier: MIT
# Helpers shared by cli.cmake and dig.cmake.

# sorted_lines(<var> <text>): the non-empty lines of <text>, sorted, joined by '|'.
function(sorted_lines var text)
    string(REPLACE ";" "\\;" text "${text}")
    string(REPLACE "\n" ";" lines "${text}")
    list(REMOVE_ITEM lines "")
    list(SORT lines)
    list(JOIN lines "|" joined)
    set(${var} "${joined}" PARENT_SCOPE)
endfunction()
