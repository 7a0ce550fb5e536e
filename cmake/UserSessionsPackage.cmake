# The installed package (`cmake --install`): the public headers, the static libraries, the CMake
# package `UserSessions` and pkg-config files.
#
# Layout under the prefix:
#   include/usersessions/{client,sdk,common}/...  public headers and the project headers they
#                                                 include, as "client/...", "sdk/...", "common/..."
#   include/usersessions/v1/...                   generated API headers, "usersessions/v1/..."
#   include/usersessions/{google/rpc,grpc/health/v1}/...
#                                                 generated headers they include
#   <libdir>/libusersessions_*.a
#   <libdir>/cmake/UserSessions/                  UserSessionsConfig.cmake and its targets
#   <libdir>/pkgconfig/usersessions-*.pc
# Consumers get two include directories, include/usersessions and include, so the headers'
# own include lines resolve, and write #include "sdk/session_engine.h" (or "client/...").
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(USERSESSIONS_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/UserSessions")
set(USERSESSIONS_INSTALL_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}/usersessions")

# Exported as UserSessions::<name>.
set_target_properties(usersessions_protos PROPERTIES EXPORT_NAME protos)
set_target_properties(usersessions_common PROPERTIES EXPORT_NAME common)
set_target_properties(usersessions_client PROPERTIES EXPORT_NAME client)
set_target_properties(usersessions_sdk PROPERTIES EXPORT_NAME sdk)

# Headers: the API headers (every header at the top of client/ and sdk/, the client mocks, the
# framework shims, the views, and the ErrorReason helpers) plus every project header they include,
# transitively. Internal headers that no API header reaches stay out.
file(GLOB usersessions_api_headers CONFIGURE_DEPENDS RELATIVE "${PROJECT_SOURCE_DIR}"
  "${PROJECT_SOURCE_DIR}/client/*.h"
  "${PROJECT_SOURCE_DIR}/client/mocks/*.h"
  "${PROJECT_SOURCE_DIR}/sdk/*.h"
  "${PROJECT_SOURCE_DIR}/sdk/httplib/*.h"
  "${PROJECT_SOURCE_DIR}/sdk/beast/*.h"
  "${PROJECT_SOURCE_DIR}/sdk/views/*.h")
list(APPEND usersessions_api_headers common/errors.h)

set(usersessions_pending ${usersessions_api_headers})
set(usersessions_installed_headers "")
while(usersessions_pending)
  list(POP_FRONT usersessions_pending header)
  if(header IN_LIST usersessions_installed_headers)
    continue()
  endif()
  list(APPEND usersessions_installed_headers "${header}")
  file(STRINGS "${PROJECT_SOURCE_DIR}/${header}" include_lines
    REGEX "^#include \"(client|sdk|common)/[^\"]+\"")
  foreach(line IN LISTS include_lines)
    string(REGEX REPLACE "^#include \"([^\"]+)\".*" "\\1" included "${line}")
    if(NOT EXISTS "${PROJECT_SOURCE_DIR}/${included}")
      message(FATAL_ERROR "${header} includes ${included}, which does not exist")
    endif()
    list(APPEND usersessions_pending "${included}")
  endforeach()
endwhile()
list(SORT usersessions_installed_headers)
foreach(header IN LISTS usersessions_installed_headers)
  get_filename_component(header_dir "${header}" DIRECTORY)
  install(FILES "${PROJECT_SOURCE_DIR}/${header}"
    DESTINATION "${USERSESSIONS_INSTALL_INCLUDEDIR}/${header_dir}")
endforeach()

# Generated headers (protos/CMakeLists.txt generates into protos/gen of the build tree).
set(usersessions_proto_gen "${PROJECT_BINARY_DIR}/protos/gen")
install(DIRECTORY "${usersessions_proto_gen}/usersessions/v1"
  DESTINATION "${USERSESSIONS_INSTALL_INCLUDEDIR}" FILES_MATCHING PATTERN "*.h")
install(DIRECTORY "${usersessions_proto_gen}/google/rpc"
  DESTINATION "${USERSESSIONS_INSTALL_INCLUDEDIR}/google" FILES_MATCHING PATTERN "*.h")
install(DIRECTORY "${usersessions_proto_gen}/grpc/health/v1"
  DESTINATION "${USERSESSIONS_INSTALL_INCLUDEDIR}/grpc/health" FILES_MATCHING PATTERN "*.h")

# CMake package. The shims are separate export sets so that a consumer of the client or the SDK
# alone needs neither cpp-httplib nor Boost.
install(EXPORT UserSessionsTargets
  NAMESPACE UserSessions::
  FILE UserSessionsTargets.cmake
  DESTINATION "${USERSESSIONS_INSTALL_CMAKEDIR}")
install(EXPORT UserSessionsHttplibTargets
  NAMESPACE UserSessions::
  FILE UserSessionsHttplibTargets.cmake
  DESTINATION "${USERSESSIONS_INSTALL_CMAKEDIR}")
install(EXPORT UserSessionsBeastTargets
  NAMESPACE UserSessions::
  FILE UserSessionsBeastTargets.cmake
  DESTINATION "${USERSESSIONS_INSTALL_CMAKEDIR}")
configure_package_config_file(
  "${CMAKE_CURRENT_LIST_DIR}/package/UserSessionsConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/package/UserSessionsConfig.cmake"
  INSTALL_DESTINATION "${USERSESSIONS_INSTALL_CMAKEDIR}")
# 0.x: a minor version may break the API.
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/package/UserSessionsConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}"
  COMPATIBILITY SameMinorVersion)
install(FILES
  "${PROJECT_BINARY_DIR}/package/UserSessionsConfig.cmake"
  "${PROJECT_BINARY_DIR}/package/UserSessionsConfigVersion.cmake"
  DESTINATION "${USERSESSIONS_INSTALL_CMAKEDIR}")

# pkg-config. The prefix is derived from the .pc file's own location, so the files stay right
# wherever `cmake --install --prefix` puts them.
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  message(FATAL_ERROR "pkg-config files need a relative CMAKE_INSTALL_LIBDIR")
endif()
file(RELATIVE_PATH USERSESSIONS_PC_PREFIX_FROM_PCFILEDIR
  "/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/")
string(REGEX REPLACE "/$" "" USERSESSIONS_PC_PREFIX_FROM_PCFILEDIR
  "${USERSESSIONS_PC_PREFIX_FROM_PCFILEDIR}")
foreach(pc usersessions-client usersessions-sdk usersessions-sdk-httplib usersessions-sdk-beast)
  configure_file("${CMAKE_CURRENT_LIST_DIR}/package/${pc}.pc.in"
    "${PROJECT_BINARY_DIR}/package/${pc}.pc" @ONLY)
  install(FILES "${PROJECT_BINARY_DIR}/package/${pc}.pc"
    DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
endforeach()
