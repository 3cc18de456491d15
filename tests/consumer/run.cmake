# SPDX-License-Identifier: MIT
# Installs the build tree into a scratch prefix, then configures, builds and
# runs the consumer project against it (main.cpp, and tst_consumerdns.cpp, the
# Qt Test of docs/testing.md, against QAres::Test), builds and runs the same
# two through pkg-config and the compiler alone, builds and runs the examples that
# are projects of their own (examples/minimal, the one the guide shows, and,
# with QCoro, examples/coroutines) and (with the QML module) the demo.
#
# -D arguments: QARES_BUILD_DIR, SOURCE_DIR, WORK_DIR, VERSION (the project's),
# LIBDIR (CMAKE_INSTALL_LIBDIR), PKG_CONFIG, CXX, MINIMAL_SOURCE_DIR; with
# QCoro COROUTINES_SOURCE_DIR; with the QML module QML_INSTALL_DIR, and with
# the examples DEMO_SOURCE_DIR.
file(REMOVE_RECURSE "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${QARES_BUILD_DIR}" --prefix "${prefix}"
    RESULT_VARIABLE rc)
if(rc)
    message(FATAL_ERROR "install failed")
endif()

# Configures and builds the project in SOURCE against the scratch prefix, in
# WORK_DIR/NAME, with the compiler of the build tree and warnings as errors.
function(build_example name source)
    execute_process(COMMAND "${CMAKE_COMMAND}" -S "${source}" -B "${WORK_DIR}/${name}" -G Ninja
        "-DCMAKE_PREFIX_PATH=${prefix}" "-DCMAKE_CXX_COMPILER=${CXX}"
        "-DCMAKE_CXX_FLAGS=-Wall -Wextra -Wpedantic -Werror" ${ARGN}
        RESULT_VARIABLE rc)
    if(rc)
        message(FATAL_ERROR "configuring ${name} against ${prefix} failed")
    endif()
    execute_process(COMMAND "${CMAKE_COMMAND}" --build "${WORK_DIR}/${name}" RESULT_VARIABLE rc)
    if(rc)
        message(FATAL_ERROR "building ${name} against ${prefix} failed")
    endif()
endfunction()

# Runs WORK_DIR/PROGRAM with the arguments after EXPECTED_RC; fails unless it
# exits with EXPECTED_RC and its output (stdout, then stderr) matches REGEX.
function(run_example program expected_rc regex)
    execute_process(COMMAND "${WORK_DIR}/${program}" ${ARGN}
        OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc TIMEOUT 60)
    if(NOT rc STREQUAL expected_rc OR NOT "${out}${err}" MATCHES "${regex}")
        message(FATAL_ERROR "${program} ${ARGN}: exit ${rc} (expected ${expected_rc}), "
            "output not matching '${regex}':\n${out}${err}")
    endif()
    message(STATUS "${program} ${ARGN}: exit ${rc}, as expected")
endfunction()

if(QML_INSTALL_DIR)
    set(qml_import_path "${prefix}/${QML_INSTALL_DIR}")
else()
    set(qml_import_path "")
endif()
build_example(build "${SOURCE_DIR}" "-DQARES_CONSUMER_EXPECTED_QML_IMPORT_PATH=${qml_import_path}")
run_example(build/consumer 0 "")
message(STATUS "consumer built against ${prefix} with CMake and ran")
# The application's Qt Test of docs/testing.md, against QAres::Test.
set(consumerdns_passed "Totals: 6 passed, 0 failed, 0 skipped")
run_example(build/tst_consumerdns 0 "${consumerdns_passed}")
message(STATUS "tst_consumerdns built against ${prefix} with CMake (QAres::Test) and passed")

# The same main.cpp through pkg-config, as a Makefile would build it. QAres.pc
# must come from the scratch prefix, not from an installed QAres.
set(pc_dir "${prefix}/${LIBDIR}/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "${pc_dir}")
function(pkg_config out)
    # The modules named after the options; QAres when none is.
    list(GET ARGN -1 last)
    if(last MATCHES "^--")
        set(module QAres)
    else()
        set(module)
    endif()
    execute_process(COMMAND "${PKG_CONFIG}" ${ARGN} ${module} OUTPUT_VARIABLE value
        OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc)
    if(rc)
        message(FATAL_ERROR "pkg-config ${ARGN} ${module} failed")
    endif()
    set(${out} "${value}" PARENT_SCOPE)
endfunction()
pkg_config(pc_file_dir --variable=pcfiledir)
pkg_config(pc_version --modversion)
pkg_config(pc_cflags --cflags --libs)
pkg_config(pc_libdir --variable=libdir)
if(NOT pc_file_dir STREQUAL pc_dir OR NOT pc_version STREQUAL VERSION)
    message(FATAL_ERROR "pkg-config found QAres ${pc_version} in ${pc_file_dir}, "
        "not ${VERSION} in ${pc_dir}")
endif()
separate_arguments(pc_flags UNIX_COMMAND "${pc_cflags}")
# -fPIC: Qt is built with -reduce-relocations, which Qt6Core.pc does not say.
execute_process(COMMAND "${CXX}" -std=c++17 -fPIC
        "-DQARES_CONSUMER_EXPECTED_VERSION=\"${pc_version}\""
        "${SOURCE_DIR}/main.cpp" -o "${WORK_DIR}/consumer-pkgconfig" ${pc_flags}
        "-Wl,-rpath,${pc_libdir}"
    RESULT_VARIABLE rc)
if(rc)
    message(FATAL_ERROR "building the consumer with pkg-config's flags failed: ${pc_cflags}")
endif()
execute_process(COMMAND "${WORK_DIR}/consumer-pkgconfig" RESULT_VARIABLE rc)
if(rc)
    message(FATAL_ERROR "the pkg-config consumer failed: ${rc}")
endif()
message(STATUS "consumer built against ${prefix} with pkg-config (${pc_cflags}) and ran")

# The Qt Test through pkg-config: QAresTest.pc from the scratch prefix, moc
# from Qt's libexec directory (Qt6Core.pc says where), then the compiler.
pkg_config(pc_test_dir --variable=pcfiledir QAresTest)
pkg_config(pc_test_version --modversion QAresTest)
if(NOT pc_test_dir STREQUAL pc_dir OR NOT pc_test_version STREQUAL VERSION)
    message(FATAL_ERROR "pkg-config found QAresTest ${pc_test_version} in ${pc_test_dir}, "
        "not ${VERSION} in ${pc_dir}")
endif()
pkg_config(pc_test_flags --cflags --libs QAresTest QAres Qt6Test)
pkg_config(qt_libexec --variable=libexecdir Qt6Core)
execute_process(COMMAND "${qt_libexec}/moc" "${SOURCE_DIR}/tst_consumerdns.cpp"
        -o "${WORK_DIR}/tst_consumerdns.moc" RESULT_VARIABLE rc)
if(rc)
    message(FATAL_ERROR "moc on tst_consumerdns.cpp failed")
endif()
separate_arguments(pc_test_flag_list UNIX_COMMAND "${pc_test_flags}")
execute_process(COMMAND "${CXX}" -std=c++17 -fPIC "-I${WORK_DIR}"
        "${SOURCE_DIR}/tst_consumerdns.cpp" -o "${WORK_DIR}/tst_consumerdns-pkgconfig"
        ${pc_test_flag_list} "-Wl,-rpath,${pc_libdir}"
    RESULT_VARIABLE rc)
if(rc)
    message(FATAL_ERROR "building tst_consumerdns with pkg-config's flags failed: ${pc_test_flags}")
endif()
run_example(tst_consumerdns-pkgconfig 0 "${consumerdns_passed}")
message(STATUS "tst_consumerdns built against ${prefix} with pkg-config (QAresTest.pc) and passed")

# The guide's complete program (docs/getting-started.md), as a reader builds
# it: an IP literal needs no network, a malformed name is refused unsent.
if(MINIMAL_SOURCE_DIR)
    build_example(minimal "${MINIMAL_SOURCE_DIR}")
    run_example(minimal/qares-minimal 0 "^192\\.0\\.2\\.7 192\\.0\\.2\\.7\n$" 192.0.2.7)
    run_example(minimal/qares-minimal 1 "^bad\\.\\.example\\.test: Invalid host name"
        bad..example.test)
    run_example(minimal/qares-minimal 2 "^usage: qares-minimal")
    message(STATUS "examples/minimal built against ${prefix} and ran")
endif()

# The coroutine example (QCoro), offline with the installed QAres::Test; its
# whole output as in the example_coroutines test.
if(COROUTINES_SOURCE_DIR)
    build_example(coroutines "${COROUTINES_SOURCE_DIR}")
    include("${COROUTINES_SOURCE_DIR}/expected.cmake")
    run_example(coroutines/qares-coroutines 0 "${QARES_COROUTINES_EXPECTED}")
    message(STATUS "examples/coroutines built against ${prefix} and ran")
endif()

# The QML demo, built on its own against the installed library and QML module
# (offline mode from the installed QAres::Test), then run headless.
if(DEMO_SOURCE_DIR)
    execute_process(COMMAND "${CMAKE_COMMAND}" -S "${DEMO_SOURCE_DIR}" -B "${WORK_DIR}/demo"
        -G Ninja
        "-DCMAKE_PREFIX_PATH=${prefix}"
        "-DQARES_QML_IMPORT_DIR=${qml_import_path}"
        RESULT_VARIABLE rc)
    if(rc)
        message(FATAL_ERROR "configuring the standalone demo failed")
    endif()
    execute_process(COMMAND "${CMAKE_COMMAND}" --build "${WORK_DIR}/demo" RESULT_VARIABLE rc)
    if(rc)
        message(FATAL_ERROR "building the standalone demo failed")
    endif()
    execute_process(COMMAND "${CMAKE_COMMAND}" -E env QT_QPA_PLATFORM=offscreen
            "${WORK_DIR}/demo/parallel-lookups" --autostart --quit-when-done --compare none
        OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc TIMEOUT 100)
    message("${out}")
    if(NOT rc EQUAL 0 OR NOT out MATCHES "rows=([0-9]+) finished=([0-9]+) "
            OR NOT CMAKE_MATCH_1 EQUAL CMAKE_MATCH_2)
        message(FATAL_ERROR "the standalone demo did not finish every row (${rc}): ${err}")
    endif()
    message(STATUS "the demo built against ${prefix} and ran")
endif()
