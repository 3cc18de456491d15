# SPDX-License-Identifier: MIT
#
# qares_public_headers(<target> [MODULE <Module>] <header> <Name>... [<header> <Name>...]...)
#
# The public headers of <target>, each followed by the CamelCase names of what
# it declares, as Qt and KDE ship them. For each <Name> it writes the
# forwarding header <build>/include/QAres/<Name> (#include "<header>"), and the
# module header <QAres/<Module>> (default <QAres/QAres>) including every
# header. A <header> ending in .h.in is configured (@ONLY) into
# <build>/include/QAres/ first. Installs them all to ${CMAKE_INSTALL_INCLUDEDIR}/QAres
# and makes both <QAres/Name> and <header> resolve, in the build tree and
# installed. The headers' paths are kept in <target>'s QARES_PUBLIC_HEADERS
# property (for the API reference). They are not added to <target>'s sources:
# AUTOMOC finds each next to its .cpp, in whichever target compiles that.
function(qares_public_headers target)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "MODULE" "")
    if(NOT arg_MODULE)
        set(arg_MODULE QAres)
    endif()
    string(TOUPPER "${arg_MODULE}" guard)
    set(dir "${PROJECT_BINARY_DIR}/include/QAres")
    set(headers)
    set(forwards)
    set(module)
    set(header)
    foreach(arg IN LISTS arg_UNPARSED_ARGUMENTS)
        if(arg MATCHES "^(.*\\.h)(\\.in)?$")
            get_filename_component(header "${CMAKE_MATCH_1}" NAME)
            if(CMAKE_MATCH_2)
                configure_file("${arg}" "${dir}/${header}" @ONLY)
                list(APPEND headers "${dir}/${header}")
            else()
                get_filename_component(path "${arg}" ABSOLUTE)
                list(APPEND headers "${path}")
            endif()
            string(APPEND module "#include \"${header}\"\n")
        elseif(header)
            file(CONFIGURE OUTPUT "${dir}/${arg}" CONTENT "#include \"${header}\"\n" @ONLY)
            list(APPEND forwards "${dir}/${arg}")
        else()
            message(FATAL_ERROR "qares_public_headers: ${arg} comes before any header")
        endif()
    endforeach()
    string(CONCAT module_header "#ifndef ${guard}_MODULE_H\n#define ${guard}_MODULE_H\n"
        "${module}#endif // ${guard}_MODULE_H\n")
    file(CONFIGURE OUTPUT "${dir}/${arg_MODULE}" @ONLY CONTENT "${module_header}")

    set_property(TARGET ${target} PROPERTY QARES_PUBLIC_HEADERS "${headers}")
    target_include_directories(${target} PUBLIC
        $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}>
        $<BUILD_INTERFACE:${dir}>
        $<BUILD_INTERFACE:${PROJECT_BINARY_DIR}/include>
        $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}/QAres>
        $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
    install(FILES ${headers} ${forwards} "${dir}/${arg_MODULE}"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/QAres")
endfunction()
