# SPDX-License-Identifier: MIT
# cmake -DCHECK=<docs/check-snippets.cmake> -DWORK_DIR=<scratch> -DCXX=<compiler>
#       [-DQMLLINT=<qmllint> -DQML_IMPORT_PATH=<dir>] -P check-snippets-selftest.cmake
#
# Runs check-snippets.cmake on small made-up checkouts: it must pass where
# every block is its file (contents with the characters CMake strings trip
# on: ; [ ] \ $ { } and quotes), every C++ fragment compiles in its wrapper
# and every QML fragment passes qmllint, and fail, saying why, on each kind of
# mismatch, on a fragment that does not compile or warns, on a QML fragment
# qmllint warns about and on a C++ or QML block that nothing checks. The QML
# cases run when QMLLINT is given (a build with the QML module).
cmake_minimum_required(VERSION 3.21)

set(tricky [==[// a; b [[c]] \n "d" ${e} $<f> \
int main() { return 0; }
]==])
set(fence "```")

# check_case(NAME EXPECT ok|fail [NO_CXX] [OUTPUT regex] [REQUIRED pairs] GUIDE text)
# writes WORK_DIR/NAME with src/a.cpp (tricky), the wrappers snippets/main.cpp,
# snippets/needs.cpp and snippets/object.qml, and docs/guide.md (GUIDE), runs the check
# (with CXX unless NO_CXX).
include("${CMAKE_CURRENT_LIST_DIR}/../shared/selftestcase.cmake")
function(check_case name)
    cmake_parse_arguments(PARSE_ARGV 1 arg "NO_CXX" "EXPECT;OUTPUT;REQUIRED;GUIDE" "")
    set(dir "${WORK_DIR}/${name}")
    file(REMOVE_RECURSE "${dir}")
    file(WRITE "${dir}/src/a.cpp" "${tricky}")
    file(WRITE "${dir}/snippets/main.cpp" "// a wrapper\nint main()\n{\n// @snippet@\n}\n")
    file(WRITE "${dir}/snippets/needs.cpp" "// snippet-needs: Unicorn\n// @snippet@\n")
    file(WRITE "${dir}/snippets/object.qml" "import QtQml\n\nQtObject {\n    // @snippet@\n}\n")
    file(WRITE "${dir}/docs/guide.md" "${arg_GUIDE}")
    set(cxx "${CXX}")
    if(arg_NO_CXX)
        set(cxx "")
    endif()
    execute_process(COMMAND "${CMAKE_COMMAND}" "-DSOURCE_DIR=${dir}" "-DREQUIRED=${arg_REQUIRED}"
            "-DWORK_DIR=${dir}/scratch" "-DCXX=${cxx}" "-DQMLLINT=${QMLLINT}"
            "-DQML_IMPORT_PATH=${QML_IMPORT_PATH}" -P "${CHECK}"
        WORKING_DIRECTORY "${dir}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    selftest_case("${name}" "${arg_EXPECT}" "${rc}" "${arg_OUTPUT}" "${out}${err}")
endfunction()

string(CONCAT guide "# Guide\n\nQuoted in a line, `<!-- file: src/none.cpp -->` is no marker.\n\n"
    "<!-- file: src/a.cpp -->\n${fence}cpp\n${tricky}${fence}\n\nAfter.\n")
check_case(equal EXPECT ok OUTPUT "1 block\\(s\\)" REQUIRED "docs/guide.md=src/a.cpp"
    GUIDE "${guide}")
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

# C++ fragments: compiled in their wrapper, warnings as errors, the errors on the guide's lines.
string(CONCAT guide "# Guide\n\n<!-- compile: snippets/main.cpp -->\n"
    "${fence}cpp\nint answer = 42;\nreturn answer - 42;\n${fence}\n")
check_case(compiles EXPECT ok OUTPUT "1 compiled" GUIDE "${guide}")
string(CONCAT output "docs/guide.md:5: error: the block does not compile in snippets/main.cpp"
    ".*docs/guide.md:6:[0-9]+: error")
string(CONCAT guide "# Guide\n\n<!-- compile: snippets/main.cpp -->\n"
    "${fence}cpp\nint answer = 42;\nreturn answer - unknown;\n${fence}\n")
check_case(does-not-compile EXPECT fail OUTPUT "${output}" GUIDE "${guide}")
check_case(warns EXPECT fail OUTPUT "docs/guide.md:3:[0-9]+: (error|warning): unused variable"
    GUIDE "<!-- compile: snippets/main.cpp -->\n${fence}c++\nint unused = 42;\n${fence}\n")
check_case(needs-missing EXPECT ok OUTPUT "not compiled: snippets/needs.cpp needs Unicorn"
    GUIDE "<!-- compile: snippets/needs.cpp -->\n${fence}cpp\nint x = ;\n${fence}\n")
check_case(no-compiler EXPECT fail NO_CXX OUTPUT "no compiler"
    GUIDE "<!-- compile: snippets/main.cpp -->\n${fence}cpp\nreturn 0;\n${fence}\n")
check_case(no-wrapper EXPECT fail OUTPUT "the wrapper snippets/none.cpp is not a file"
    GUIDE "<!-- compile: snippets/none.cpp -->\n${fence}cpp\nreturn 0;\n${fence}\n")
check_case(wrapper-without-line EXPECT fail OUTPUT "has no line '// @snippet@'"
    GUIDE "<!-- compile: src/a.cpp -->\n${fence}cpp\nreturn 0;\n${fence}\n")
string(CONCAT guide "# Guide\n\n${fence}cpp\nint main() { return 0; }\n${fence}\n\n"
    "${fence}sh\nls\n${fence}\n")
check_case(unchecked-cpp EXPECT fail OUTPUT "docs/guide.md:4: error: a cpp block without"
    GUIDE "${guide}")
check_case(wrong-kind EXPECT fail OUTPUT "does not fit a cpp block"
    GUIDE "<!-- qmllint -->\n${fence}cpp\nint main() { return 0; }\n${fence}\n")
check_case(unchecked-qml EXPECT fail OUTPUT "docs/guide.md:2: error: a qml block without"
    GUIDE "${fence}qml\nimport QtQml\nQtObject { }\n${fence}\n")
if(QMLLINT)
    string(CONCAT guide
        "<!-- qmllint: snippets/object.qml -->\n${fence}qml\nproperty int answer: 42\n${fence}\n\n"
        "<!-- qmllint -->\n${fence}qml\nimport QtQml\n\n"
        "QtObject {\n    property int answer: 42\n}\n${fence}\n")
    check_case(lints EXPECT ok OUTPUT "0 compiled, 2 linted" GUIDE "${guide}")
    string(CONCAT output "does not pass qmllint in snippets/object.qml"
        ".*line N \\+ -1 of docs/guide.md.*[Uu]nqualified")
    string(CONCAT guide "<!-- qmllint: snippets/object.qml -->\n"
        "${fence}qml\nproperty int answer: noSuchThing\n${fence}\n")
    check_case(lint-warns EXPECT fail OUTPUT "${output}" GUIDE "${guide}")
    string(CONCAT guide "<!-- qmllint -->\n"
        "${fence}qml\nimport QtQml\n\nQtObject {\n    noSuchProperty: 42\n}\n${fence}\n")
    check_case(lint-warns-document EXPECT fail OUTPUT "does not pass qmllint" GUIDE "${guide}")
endif()

selftest_finish(check-snippets-selftest)
