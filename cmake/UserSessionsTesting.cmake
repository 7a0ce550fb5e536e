# usersessions_add_test(<name> SOURCES ... [LIBS ...] [LABELS ...] [SERIAL])
# Builds a GoogleTest binary and registers each of its tests with ctest. Tests labelled
# `integration` are skipped when USERSESSIONS_BUILD_INTEGRATION_TESTS is OFF (the sanitizer build
# runs only the unit and store labels, so it need not compile the rest).
function(usersessions_add_test name)
  cmake_parse_arguments(ARG "SERIAL" "" "SOURCES;LIBS;LABELS" ${ARGN})
  if("integration" IN_LIST ARG_LABELS AND NOT USERSESSIONS_BUILD_INTEGRATION_TESTS)
    return()
  endif()
  add_executable(${name} ${ARG_SOURCES})
  usersessions_target_warnings(${name})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} usersessions_testing GTest::gmock_main)
  set(properties LABELS "${ARG_LABELS}" TIMEOUT 300)
  if(ARG_SERIAL)
    list(APPEND properties RUN_SERIAL TRUE)
  endif()
  gtest_discover_tests(${name}
    DISCOVERY_MODE PRE_TEST
    PROPERTIES ${properties})
endfunction()
