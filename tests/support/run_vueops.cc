#include "support/run_vueops.h"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>

#include "base/file.h"

namespace vueops::test_support {
namespace {

constexpr int kSilenceMs = 60'000;

[[noreturn]] void ExecVueops(const std::vector<std::string>& args,
                             const std::vector<std::string>& environment, const std::string& cwd) {
  std::vector<std::string> strings = {VUEOPS_BINARY_DIR "/vueops"};
  strings.insert(strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& arg : strings) argv.push_back(arg.data());
  argv.push_back(nullptr);
  ::setenv("NO_COLOR", "1", 1);
  ::unsetenv("VUEOPS_SPEC");
  for (const std::string& variable : environment) ::putenv(const_cast<char*>(variable.c_str()));
  if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) ::_exit(126);
  ::execv(argv[0], argv.data());
  ::_exit(127);
}

int Wait(pid_t child) {
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

VueopsRun RunVueops(const std::string& scratch_dir, const std::vector<std::string>& args,
                    const std::string& input, const std::vector<std::string>& environment,
                    const std::string& cwd) {
  const std::string in = scratch_dir + "/stdin", out = scratch_dir + "/stdout",
                    err = scratch_dir + "/stderr";
  VueopsRun run;
  if (!WriteFileAtomic(in, input).ok()) {
    run.err = "cannot write " + in;
    return run;
  }
  pid_t child = ::fork();
  if (child == 0) {
    int in_fd = ::open(in.c_str(), O_RDONLY);
    int out_fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err_fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(in_fd, 0);
    ::dup2(out_fd, 1);
    ::dup2(err_fd, 2);
    ExecVueops(args, environment, cwd);
  }
  run.exit_code = Wait(child);
  run.out = ReadFile(out).value_or("");
  run.err = ReadFile(err).value_or("");
  return run;
}

VueopsRun RunVueopsOnTerminal(const std::vector<std::string>& args, const std::string& answer,
                              bool* answered, const std::vector<std::string>& environment,
                              const std::string& question) {
  int terminal = -1;
  pid_t child = ::forkpty(&terminal, nullptr, nullptr, nullptr);
  if (child == 0) ExecVueops(args, environment, "");
  VueopsRun run;
  std::string seen;
  *answered = false;
  char buffer[4096];
  while (true) {
    // A question that never matches would leave the child waiting for an answer and this
    // loop for output: after a minute of silence the child is stopped and the test sees it.
    pollfd wait_for = {terminal, POLLIN, 0};
    int ready = ::poll(&wait_for, 1, kSilenceMs);
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) {
      ::kill(child, SIGKILL);
      seen += "\n[run_vueops: no output for a minute; stopped]\n";
      break;
    }
    ssize_t n = ::read(terminal, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // EIO once the child has exited
    seen.append(buffer, static_cast<size_t>(n));
    if (!*answered && seen.find(question) != std::string::npos) {
      std::string line = answer + "\n";
      if (::write(terminal, line.data(), line.size()) == static_cast<ssize_t>(line.size())) {
        *answered = true;
      }
    }
  }
  ::close(terminal);
  run.exit_code = Wait(child);
  run.out = seen;
  return run;
}

}  // namespace vueops::test_support
