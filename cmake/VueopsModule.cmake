# vueops_module(NAME [DEPS lib...] [TEST_DEPS lib...] [TEST_LABELS label...])
#
# One module per folder under src/: its *.cc files (but *_test.cc, *_fuzzer.cc and main.cc)
# form the static library vueops_NAME; its *_test.cc files form one test binary NAME_test,
# registered with ctest under the label "unit" unless TEST_LABELS says otherwise. New files
# are picked up without editing CMake (CONFIGURE_DEPENDS).
function(vueops_module name)
  cmake_parse_arguments(ARG "" "" "DEPS;TEST_DEPS;TEST_LABELS;EXTRA_SOURCES" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  list(FILTER sources EXCLUDE REGEX "(_test|_fuzzer)\\.cc$|/main\\.cc$")
  file(GLOB tests CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_test.cc)
  if(NOT sources AND NOT ARG_EXTRA_SOURCES)
    # A module holding only headers so far.
    add_library(vueops_${name} INTERFACE)
    target_link_libraries(vueops_${name} INTERFACE ${ARG_DEPS})
    return()
  endif()
  add_library(vueops_${name} STATIC ${sources} ${ARG_EXTRA_SOURCES})
  target_link_libraries(vueops_${name} PUBLIC ${ARG_DEPS})
  if(tests)
    add_executable(${name}_test ${tests})
    target_link_libraries(${name}_test PRIVATE vueops_${name} ${ARG_TEST_DEPS}
                          GTest::gmock GTest::gtest_main)
    target_compile_definitions(${name}_test PRIVATE
      VUEOPS_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
      VUEOPS_SHARED_DIR="${VUEOPS_SHARED_DIR}"
      VUEOPS_BINARY_DIR="${CMAKE_BINARY_DIR}")
    add_test(NAME ${name} COMMAND ${name}_test --gtest_brief=1)
    if(NOT ARG_TEST_LABELS)
      set(ARG_TEST_LABELS unit)
    endif()
    set_tests_properties(${name} PROPERTIES LABELS "${ARG_TEST_LABELS}")
    add_dependencies(vueops_tests ${name}_test)
  endif()
endfunction()

if(NOT TARGET vueops_tests)
  add_custom_target(vueops_tests)
endif()
