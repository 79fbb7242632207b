// Running a program as a fresh process and timing it, for the benchmarks that compare vueops
// with the AWS CLI and boto3. Header-only: each benchmark is one binary.
#ifndef VUEOPS_BENCH_BENCH_PROCESS_H_
#define VUEOPS_BENCH_BENCH_PROCESS_H_

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

extern char** environ;

namespace vueops::bench {

struct ProcessResult {
  int exit_status = -1;
  double seconds = 0;
  std::string output;  // standard output (standard error goes to /dev/null)
};

// Runs argv[0] (searched on PATH) with the process's environment plus `extra`, and returns its
// wall time from spawn to exit.
inline ProcessResult RunProcess(const std::vector<std::string>& argv,
                                const std::map<std::string, std::string>& extra) {
  std::map<std::string, std::string> variables;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    std::string text(*entry);
    size_t equals = text.find('=');
    if (equals != std::string::npos) variables[text.substr(0, equals)] = text.substr(equals + 1);
  }
  for (const auto& [name, value] : extra) variables[name] = value;
  std::vector<std::string> environment_text;
  for (const auto& [name, value] : variables) environment_text.push_back(name + "=" + value);
  std::vector<char*> envp;
  for (std::string& text : environment_text) envp.push_back(text.data());
  envp.push_back(nullptr);
  std::vector<std::string> arguments = argv;
  std::vector<char*> args;
  for (std::string& text : arguments) args.push_back(text.data());
  args.push_back(nullptr);

  int pipe_fds[2];
  ProcessResult result;
  if (::pipe(pipe_fds) != 0) return result;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  auto start = std::chrono::steady_clock::now();
  pid_t pid = -1;
  int spawned = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  if (spawned != 0) {
    ::close(pipe_fds[0]);
    return result;
  }
  char buffer[4096];
  ssize_t count = 0;
  while ((count = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0)
    result.output.append(buffer, count);
  ::close(pipe_fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

inline double Median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  size_t middle = values.size() / 2;
  return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

// True when `program` is on PATH.
inline bool OnPath(const std::string& program) {
  ProcessResult found = RunProcess({"sh", "-c", "command -v " + program}, {});
  return found.exit_status == 0;
}

}  // namespace vueops::bench

#endif  // VUEOPS_BENCH_BENCH_PROCESS_H_
