# vueops_moto_tests(NAME)
#
# Splits module NAME's test binary (made by vueops_module) into two ctest entries by suite name:
#   NAME       label "unit": every suite but those whose name contains "MotoTest";
#   NAME_moto  label "moto": only those suites, which need the local AWS (moto).
# The sanitizer build runs `ctest -L unit`; `ctest -L moto` runs the rest. Call it from the
# module's CMakeLists.txt, after vueops_module():
#   include(${CMAKE_SOURCE_DIR}/tests/support/moto_tests.cmake)
#   vueops_moto_tests(resources)
function(vueops_moto_tests name)
  # googletest reads GTEST_FILTER when no --gtest_filter flag is given.
  set_tests_properties(${name} PROPERTIES ENVIRONMENT "GTEST_FILTER=-*MotoTest*")
  add_test(NAME ${name}_moto COMMAND ${name}_test --gtest_brief=1 --gtest_filter=*MotoTest*)
  set_tests_properties(${name}_moto PROPERTIES LABELS moto)
endfunction()
