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

# sluice_fuzzer(NAME SOURCES ... DEPS ... [CORPUS DIR]): a libFuzzer target.
# In the normal build it is only registered (tests/fuzz turns each one into a
# ctest test that builds the fuzz tree and runs it). With -DSLUICE_FUZZ=ON and
# clang (the top-level CMakeLists then instruments every component, so
# coverage reaches into the code under test) it is built, joins the `fuzzers`
# target, and gets a `NAME_smoke` test that fuzzes for a bounded time, starting
# from the seed inputs in CORPUS when given.
set(SLUICE_FUZZ_SECONDS 20 CACHE STRING "How long each fuzzer runs in its smoke test")
function(sluice_fuzzer name)
  cmake_parse_arguments(ARG "" "CORPUS" "SOURCES;DEPS" ${ARGN})
  set_property(GLOBAL APPEND PROPERTY SLUICE_FUZZERS ${name})
  if(SLUICE_FUZZ)
    add_executable(${name} ${ARG_SOURCES})
    target_link_options(${name} PRIVATE -fsanitize=fuzzer)
    target_link_libraries(${name} PRIVATE ${ARG_DEPS})
    if(NOT TARGET fuzzers)
      add_custom_target(fuzzers)
    endif()
    add_dependencies(fuzzers ${name})
    add_test(NAME ${name}_smoke
             COMMAND ${PROJECT_SOURCE_DIR}/tests/fuzz/run-fuzzer.sh $<TARGET_FILE:${name}>
                     ${SLUICE_FUZZ_SECONDS} ${CMAKE_CURRENT_BINARY_DIR}/${name}-work ${ARG_CORPUS})
  endif()
endfunction()
