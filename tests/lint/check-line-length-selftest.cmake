# SPDX-License-Identifier: MIT
# cmake -DCHECK=<cmake/check-line-length.cmake> -DWORK_DIR=<scratch>
#       -P check-line-length-selftest.cmake
#
# Runs check-line-length.cmake on small made-up trees: it must pass at 100
# columns (also when a line has more octets than columns: UTF-8), on files it
# does not check and on excluded ones, and fail, naming the file, the line and
# its columns, at 101, on lines with the characters CMake lists trip on
# (; [ ] \) and on a path that names nothing.
cmake_minimum_required(VERSION 3.21)

string(REPEAT "x" 100 hundred)
string(REPEAT "y" 90 ninety)
include("${CMAKE_CURRENT_LIST_DIR}/../shared/selftestcase.cmake")

# check_case(NAME EXPECT ok|fail [OUTPUT regex] PATHS paths [EXCLUDE paths] FILES name text ...)
function(check_case name)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "EXPECT;OUTPUT;PATHS;EXCLUDE" "FILES")
    set(dir "${WORK_DIR}/${name}")
    file(REMOVE_RECURSE "${dir}")
    file(MAKE_DIRECTORY "${dir}")
    list(LENGTH arg_FILES n)
    math(EXPR last "${n} - 1")
    foreach(i RANGE 0 ${last} 2)
        math(EXPR j "${i} + 1")
        list(GET arg_FILES ${i} file)
        list(GET arg_FILES ${j} text)
        file(WRITE "${dir}/${file}" "${text}")
    endforeach()
    set(exclude "")
    if(DEFINED arg_EXCLUDE)
        set(exclude "-DEXCLUDE=${arg_EXCLUDE}")
    endif()
    execute_process(COMMAND "${CMAKE_COMMAND}" "-DSOURCE_DIR=${dir}" "-DPATHS=${arg_PATHS}"
            ${exclude} -P "${CHECK}"
        RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    selftest_case("${name}" "${arg_EXPECT}" "${rc}" "${arg_OUTPUT}" "${out}${err}")
endfunction()

check_case(hundred EXPECT ok OUTPUT "2 files, no line longer than 100"
    PATHS "src" FILES src/a.cpp "// one\n${hundred}\n" src/CMakeLists.txt "${hundred}")
check_case(hundred-and-one EXPECT fail OUTPUT "src/a.cpp:2: 101 columns, more than 100"
    PATHS "src" FILES src/a.cpp "// one\n${hundred}x\n// three\n")
# µ and × are two octets each: 100 columns in 110 octets.
check_case(utf8-columns EXPECT ok
    PATHS "src" FILES src/a.h "${ninety}µµµµµ×××××\n")
check_case(utf8-one-more EXPECT fail OUTPUT "src/a.h:1: 101 columns"
    PATHS "src" FILES src/a.h "${ninety}µµµµµ××××××\n")
# The characters of CMake lists do not move the line numbers nor join lines.
check_case(list-characters EXPECT fail OUTPUT "src/a.sh:4: 101 columns"
    PATHS "src" FILES src/a.sh "a; b \\\n[c\n]] d \\\n${hundred};\n")
check_case(list-characters-short EXPECT ok
    PATHS "src" FILES src/a.sh "a; b \\\n[c\n]] d \\\n${ninety};;;[[]]\\\\\\\n")
check_case(not-checked EXPECT ok OUTPUT "1 files"
    PATHS "src" FILES src/a.zone "${hundred}x\n" src/b.md "${hundred}x\n" src/c.qml "x\n")
check_case(qml-checked EXPECT fail OUTPUT "src/c.qml:1: 101 columns"
    PATHS "src" FILES src/c.qml "${hundred}x\n")
check_case(excluded EXPECT ok
    PATHS "src,tests/b.cpp" EXCLUDE "src/dot,src/x.cpp"
    FILES src/dot/a.cpp "${hundred}x\n" src/x.cpp "${hundred}x\n" tests/b.cpp "x\n"
          src/dotted/a.cpp "x\n")
check_case(excluded-is-a-prefix EXPECT fail OUTPUT "src/dotted/a.cpp:1: 101 columns"
    PATHS "src" EXCLUDE "src/dot" FILES src/dotted/a.cpp "${hundred}x\n")
check_case(glob EXPECT fail OUTPUT "src/aresrecord.cpp:1: 101 columns"
    PATHS "src/aresrecord*" FILES src/aresrecord.cpp "${hundred}x\n" src/other.cpp "${hundred}x\n")
check_case(names-nothing EXPECT fail OUTPUT "src/none names no file"
    PATHS "src,src/none" FILES src/a.cpp "x\n")

selftest_finish(check-line-length-selftest)
