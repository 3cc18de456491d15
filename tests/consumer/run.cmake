# SPDX-License-Identifier: MIT
# Installs the build tree into a scratch prefix, then configures, builds and
# runs the consumer project against it, builds and runs the same main.cpp
# through pkg-config and the compiler alone, and (with the QML module) the
# demo.
#
# -D arguments: QARES_BUILD_DIR, SOURCE_DIR, WORK_DIR, VERSION (the project's),
# LIBDIR (CMAKE_INSTALL_LIBDIR), PKG_CONFIG, CXX; with the QML module
# QML_INSTALL_DIR, and with the examples DEMO_SOURCE_DIR, FAKEDNS_SOURCE_DIR.
file(REMOVE_RECURSE "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${QARES_BUILD_DIR}" --prefix "${prefix}"
    RESULT_VARIABLE rc)
if(rc)
    message(FATAL_ERROR "install failed")
endif()

if(QML_INSTALL_DIR)
    set(qml_import_path "${prefix}/${QML_INSTALL_DIR}")
else()
    set(qml_import_path "")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" -S "${SOURCE_DIR}" -B "${WORK_DIR}/build" -G Ninja
    "-DCMAKE_PREFIX_PATH=${prefix}" "-DQARES_CONSUMER_EXPECTED_QML_IMPORT_PATH=${qml_import_path}"
    RESULT_VARIABLE rc)
if(rc)
    message(FATAL_ERROR "configuring the consumer failed")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${WORK_DIR}/build" RESULT_VARIABLE rc)
if(rc)
    message(FATAL_ERROR "building the consumer failed")
endif()
execute_process(COMMAND "${WORK_DIR}/build/consumer" RESULT_VARIABLE rc)
if(rc)
    message(FATAL_ERROR "the consumer failed: ${rc}")
endif()
message(STATUS "consumer built against ${prefix} with CMake and ran")

# The same main.cpp through pkg-config, as a Makefile would build it. QAres.pc
# must come from the scratch prefix, not from an installed QAres.
set(pc_dir "${prefix}/${LIBDIR}/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "${pc_dir}")
function(pkg_config out)
    execute_process(COMMAND "${PKG_CONFIG}" ${ARGN} QAres OUTPUT_VARIABLE value
        OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc)
    if(rc)
        message(FATAL_ERROR "pkg-config ${ARGN} QAres failed")
    endif()
    set(${out} "${value}" PARENT_SCOPE)
endfunction()
pkg_config(pc_file_dir --variable=pcfiledir)
pkg_config(pc_version --modversion)
pkg_config(pc_cflags --cflags --libs)
pkg_config(pc_libdir --variable=libdir)
if(NOT pc_file_dir STREQUAL pc_dir OR NOT pc_version STREQUAL VERSION)
    message(FATAL_ERROR "pkg-config found QAres ${pc_version} in ${pc_file_dir}, not ${VERSION} in ${pc_dir}")
endif()
separate_arguments(pc_flags UNIX_COMMAND "${pc_cflags}")
# -fPIC: Qt is built with -reduce-relocations, which Qt6Core.pc does not say.
execute_process(COMMAND "${CXX}" -std=c++17 -fPIC "-DQARES_CONSUMER_EXPECTED_VERSION=\"${pc_version}\""
        "${SOURCE_DIR}/main.cpp" -o "${WORK_DIR}/consumer-pkgconfig" ${pc_flags} "-Wl,-rpath,${pc_libdir}"
    RESULT_VARIABLE rc)
if(rc)
    message(FATAL_ERROR "building the consumer with pkg-config's flags failed: ${pc_cflags}")
endif()
execute_process(COMMAND "${WORK_DIR}/consumer-pkgconfig" RESULT_VARIABLE rc)
if(rc)
    message(FATAL_ERROR "the pkg-config consumer failed: ${rc}")
endif()
message(STATUS "consumer built against ${prefix} with pkg-config (${pc_cflags}) and ran")

# The QML demo, built on its own against the installed library and QML module
# (offline mode from the fake server's sources), then run headless.
if(DEMO_SOURCE_DIR)
    execute_process(COMMAND "${CMAKE_COMMAND}" -S "${DEMO_SOURCE_DIR}" -B "${WORK_DIR}/demo" -G Ninja
        "-DCMAKE_PREFIX_PATH=${prefix}"
        "-DQARES_FAKEDNS_SOURCE_DIR=${FAKEDNS_SOURCE_DIR}"
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
    if(NOT rc EQUAL 0 OR NOT out MATCHES "rows=([0-9]+) finished=([0-9]+) " OR NOT CMAKE_MATCH_1 EQUAL CMAKE_MATCH_2)
        message(FATAL_ERROR "the standalone demo did not finish every row (${rc}): ${err}")
    endif()
    message(STATUS "the demo built against ${prefix} and ran")
endif()
