// Runs the built vueops binary as a user would, for the command tests: arguments, stdin,
// environment in; exit code, stdout and stderr out.
#ifndef VUEOPS_TESTS_SUPPORT_RUN_VUEOPS_H_
#define VUEOPS_TESTS_SUPPORT_RUN_VUEOPS_H_

#include <string>
#include <vector>

namespace vueops::test_support {

struct VueopsRun {
  int exit_code = -1;  // -1 when killed by a signal
  std::string out;
  std::string err;
};

// Runs build/vueops with `args` in a child process, stdin from `input`, stdout and stderr
// captured through files in `scratch_dir`. `environment` ("NAME=value") is added to this
// process's environment; NO_COLOR is set and VUEOPS_SPEC unset. `cwd`: the working directory
// ("" keeps this process's).
VueopsRun RunVueops(const std::string& scratch_dir, const std::vector<std::string>& args,
                    const std::string& input = "", const std::vector<std::string>& environment = {},
                    const std::string& cwd = "");

// Runs build/vueops on a pseudo-terminal (its controlling terminal, /dev/tty) and, once it
// prints `question`, types `answer`. The terminal merges stdout and stderr into `out`;
// `answered` says whether the question came.
VueopsRun RunVueopsOnTerminal(const std::vector<std::string>& args, const std::string& answer,
                              bool* answered, const std::vector<std::string>& environment = {},
                              const std::string& question = "Enter a value: ");

}  // namespace vueops::test_support

#endif  // VUEOPS_TESTS_SUPPORT_RUN_VUEOPS_H_
