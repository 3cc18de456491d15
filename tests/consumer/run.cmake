# SPDX-License-Identifier: MIT
# Installs the build tree into a scratch prefix, then configures, builds and
# runs the consumer project against it.
file(REMOVE_RECURSE "${WORK_DIR}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${QARES_BUILD_DIR}" --prefix "${WORK_DIR}/prefix"
    RESULT_VARIABLE rc)
if(rc)
    message(FATAL_ERROR "install failed")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" -S "${SOURCE_DIR}" -B "${WORK_DIR}/build" -G Ninja
    "-DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix" RESULT_VARIABLE rc)
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
message(STATUS "consumer built against ${WORK_DIR}/prefix and ran")

# The QML demo, built on its own against the installed library and QML module
# (offline mode from the fake server's sources), then run headless.
if(DEMO_SOURCE_DIR)
    execute_process(COMMAND "${CMAKE_COMMAND}" -S "${DEMO_SOURCE_DIR}" -B "${WORK_DIR}/demo" -G Ninja
        "-DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix"
        "-DQARES_FAKEDNS_SOURCE_DIR=${FAKEDNS_SOURCE_DIR}"
        "-DQARES_QML_IMPORT_DIR=${WORK_DIR}/prefix/${QML_INSTALL_DIR}"
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
    message(STATUS "the demo built against ${WORK_DIR}/prefix and ran")
endif()
