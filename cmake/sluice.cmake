# Shared build settings for Sluice's own targets.

# Warnings as errors for our code only (third-party headers are SYSTEM).
add_library(sluice_warnings INTERFACE)
target_compile_options(sluice_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Werror -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough)
# GCC 12 at -O3 reports false -Wrestrict errors inside libstdc++ for
# "literal" + std::string (GCC bug 105329); the warning is not ours to fix.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(sluice_warnings INTERFACE -Wno-restrict)
endif()

# sluice_component(NAME SOURCES ... DEPS ...): a static library sluice_NAME
# whose headers are included as "NAME/header.h" from src/.
function(sluice_component name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(sluice_${name} STATIC ${ARG_SOURCES})
  target_include_directories(sluice_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(sluice_${name} PUBLIC ${ARG_DEPS} PRIVATE sluice_warnings)
endfunction()

# sluice_test(NAME SOURCES ... DEPS ...): a GoogleTest binary registered
# with ctest, one ctest entry per test case.
function(sluice_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main
                        sluice_warnings)
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 120)
endfunction()

# sluice_fuzzer(NAME SOURCES ... DEPS ...): a libFuzzer target, built only
# with -DSLUICE_FUZZ=ON and clang (the top-level CMakeLists then instruments
# every component, so coverage reaches into the code under test). Each
# fuzzer is also a ctest test that runs for a bounded time.
function(sluice_fuzzer name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  if(SLUICE_FUZZ)
    add_executable(${name} ${ARG_SOURCES})
    target_link_options(${name} PRIVATE -fsanitize=fuzzer)
    target_link_libraries(${name} PRIVATE ${ARG_DEPS})
    add_test(NAME ${name}_smoke COMMAND ${name} -max_total_time=20 -rss_limit_mb=2048)
  endif()
endfunction()
