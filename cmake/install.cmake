# The library for other programs, and `cmake --install`.
#
# The static target `tkg` (CMakeLists.txt) is what tkg, the tests and the fuzzers link: it
# is compiled with -fvisibility=hidden, and include/tkg.h gives its declarations default
# visibility, so that only the public API is visible outside the library:
#   - libtkg.so (target tkg_shared) is linked from the same objects and exports tkg_* only;
#   - dist/libtkg.a, the static library that is installed, is the whole of libtkg.a linked
#     into one relocatable object whose hidden symbols are then made local (ld -r, objcopy
#     --localize-hidden): a program linking it sees tkg_* only, and the library's internal
#     names (components, put_double, ...) cannot clash with the program's own.
# tests/install/ checks both with nm, and builds a program against an installed copy.
include(GNUInstallDirs)

# ABI: the soname carries major.minor while the version is 0.x (0.1 and 0.2 may differ).
add_library(tkg_shared SHARED $<TARGET_OBJECTS:tkg>)
set_target_properties(tkg_shared PROPERTIES
    OUTPUT_NAME tkg
    VERSION ${PROJECT_VERSION}
    SOVERSION ${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR})
get_target_property(tkg_link_libraries tkg LINK_LIBRARIES)
target_link_libraries(tkg_shared PRIVATE ${tkg_link_libraries})
target_link_options(tkg_shared PRIVATE -Wl,--no-undefined)

set(TKG_DIST_DIR ${CMAKE_BINARY_DIR}/dist)
add_custom_command(
    OUTPUT ${TKG_DIST_DIR}/libtkg.a
    COMMAND ${CMAKE_COMMAND} -E make_directory ${TKG_DIST_DIR}
    COMMAND ${CMAKE_COMMAND} -E rm -f ${TKG_DIST_DIR}/libtkg.a ${TKG_DIST_DIR}/tkg.o
    COMMAND ${CMAKE_LINKER} -r -o ${TKG_DIST_DIR}/tkg.o --whole-archive $<TARGET_FILE:tkg>
    COMMAND ${CMAKE_OBJCOPY} --localize-hidden ${TKG_DIST_DIR}/tkg.o
    COMMAND ${CMAKE_AR} qc ${TKG_DIST_DIR}/libtkg.a ${TKG_DIST_DIR}/tkg.o
    COMMAND ${CMAKE_RANLIB} ${TKG_DIST_DIR}/libtkg.a
    DEPENDS tkg $<TARGET_FILE:tkg>
    COMMENT "Static libtkg.a with the internal symbols made local"
    VERBATIM)
add_custom_target(tkg_static_dist ALL DEPENDS ${TKG_DIST_DIR}/libtkg.a)

# tkg.pc finds its prefix from its own place (${pcfiledir}), so that the installed tree can
# be moved or installed with `cmake --install build --prefix DIR`.
file(RELATIVE_PATH TKG_PC_TO_PREFIX /${CMAKE_INSTALL_LIBDIR}/pkgconfig /)
string(REGEX REPLACE "/$" "" TKG_PC_TO_PREFIX "${TKG_PC_TO_PREFIX}")
set(TKG_PC_LIBS_PRIVATE "-lm -pthread")
if(OpenMP_C_FOUND)
    string(APPEND TKG_PC_LIBS_PRIVATE " ${OpenMP_C_FLAGS}")
endif()
configure_file(${CMAKE_SOURCE_DIR}/cmake/tkg.pc.in ${CMAKE_BINARY_DIR}/tkg.pc @ONLY)

install(TARGETS tkg_cli tkg-render RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS tkg_shared
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} NAMELINK_COMPONENT Development)
install(FILES ${TKG_DIST_DIR}/libtkg.a DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(FILES ${CMAKE_SOURCE_DIR}/include/tkg.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${CMAKE_BINARY_DIR}/tkg.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
# Every man page in docs/man (tkg.1, and one page per command if there are).
file(GLOB tkg_man_pages CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/docs/man/*.1)
install(FILES ${tkg_man_pages} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
