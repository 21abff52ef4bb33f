# bates_add_module(<name> SOURCES ... [PUBLIC_DEPS ...] [PRIVATE_DEPS ...])
#   A static library bates_<name> for src/<name>. Its include root is src/, so headers are
#   included as "core/status.h". Include paths come only through target_link_libraries, so a
#   module that uses another without declaring it fails to compile.
function(bates_add_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(bates_${name} STATIC ${ARG_SOURCES})
  target_include_directories(bates_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(bates_${name} PUBLIC ${ARG_PUBLIC_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  bates_set_warnings(bates_${name})
endfunction()

# bates_add_unit_test(<name> SOURCES ... DEPS ...)
#   A GoogleTest binary registered with CTest under the label "unit".
function(bates_add_unit_test name)
  if(NOT BATES_TESTS)
    return()
  endif()
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  if(NOT ARG_SOURCES)
    return()
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gmock GTest::gtest_main)
  bates_set_warnings(${name})
  set(labels unit ${ARG_LABELS})
  gtest_discover_tests(${name}
    PROPERTIES LABELS "${labels}"
               ENVIRONMENT "BATES_CORPORA=${BATES_CORPORA};BATES_TEST_TMP=${CMAKE_BINARY_DIR}/test-tmp"
    DISCOVERY_TIMEOUT 30)
endfunction()
