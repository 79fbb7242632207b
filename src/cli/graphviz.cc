#include "cli/graphviz.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "base/file.h"

extern char** environ;

namespace vueops::cli {
namespace {

// What graphviz prints on its error output is a few lines; more is kept to this.
constexpr uint64_t kMaxErrorBytes = 64 * 1024;

// A private folder for dot's input, output and error output, removed when done. Files rather
// than pipes: dot reads all of its input before writing, so pipes both ways would need a
// writer thread to avoid a deadlock on a large graph.
class ScratchFolder {
 public:
  ScratchFolder() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "vueops-graphviz-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~ScratchFolder() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

Result<std::string> RenderSvgWithGraphviz(const std::string& dot_text, const std::string& program) {
  ScratchFolder scratch;
  if (scratch.path().empty()) {
    return UnavailableError(std::string("cannot make a temporary folder for graphviz: ") +
                            std::strerror(errno));
  }
  const std::string input = scratch.path() + "/topology.dot";
  const std::string output = scratch.path() + "/topology.svg";
  const std::string errors = scratch.path() + "/errors.txt";
  RETURN_IF_ERROR(WriteFileAtomic(input, dot_text));

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errors.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  std::vector<std::string> argv = {program, "-Tsvg", "-o" + output, input};
  std::vector<char*> arguments;
  for (std::string& argument : argv) arguments.push_back(argument.data());
  arguments.push_back(nullptr);
  pid_t pid = 0;
  int error = ::posix_spawnp(&pid, program.c_str(), &actions, nullptr, arguments.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (error == ENOENT) {
    return FailedPreconditionError(
        "graphviz is not installed ('" + program +
        "' is not on PATH); install it with `apt-get install graphviz` (scripts/bootstrap "
        "installs it), or use --format dot, which needs no graphviz");
  }
  if (error != 0) {
    return FailedPreconditionError("cannot run '" + program + "': " + std::strerror(error));
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      return UnavailableError("cannot wait for '" + program + "': " + std::strerror(errno));
    }
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::string printed = ReadFile(errors, kMaxErrorBytes).value_or("");
    while (!printed.empty() && (printed.back() == '\n' || printed.back() == ' ')) {
      printed.pop_back();
    }
    std::string how = WIFEXITED(status)
                          ? "exited with status " + std::to_string(WEXITSTATUS(status))
                          : "was killed by signal " + std::to_string(WTERMSIG(status));
    return InternalError("'" + program + " -Tsvg' " + how +
                         (printed.empty() ? "" : ": " + printed));
  }
  return ReadFile(output);
}

}  // namespace vueops::cli
