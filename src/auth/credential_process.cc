#include "auth/credential_process.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "base/json.h"

extern char** environ;

namespace vueops::auth {
namespace {

// A credentials document is a few kilobytes; more is a misbehaving program.
constexpr size_t kMaxOutputBytes = 1 << 20;
// The only document version the AWS CLI defines.
constexpr int kProcessOutputVersion = 1;

// Closes a file descriptor when it goes out of scope.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd = -1) : fd_(fd) {}
  ~FileDescriptor() { Close(); }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }
  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

struct ProcessOutput {
  std::string standard_output;
  int wait_status = 0;
  bool truncated = false;
};

// Runs argv with standard output captured; standard input and error are inherited.
Result<ProcessOutput> RunCapturingOutput(const std::vector<std::string>& argv) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    return UnavailableError(std::string("cannot create a pipe: ") + std::strerror(errno));
  }
  FileDescriptor read_end(fds[0]);
  FileDescriptor write_end(fds[1]);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, write_end.get(), STDOUT_FILENO);
  std::vector<char*> arguments;
  for (const std::string& argument : argv) arguments.push_back(const_cast<char*>(argument.c_str()));
  arguments.push_back(nullptr);
  pid_t pid = 0;
  int error = ::posix_spawnp(&pid, arguments[0], &actions, nullptr, arguments.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) {
    return FailedPreconditionError("cannot run '" + argv[0] + "': " + std::strerror(error));
  }
  write_end.Close();

  ProcessOutput output;
  char buffer[4096];
  while (true) {
    ssize_t n = ::read(read_end.get(), buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    // Past the limit, keep draining so the program is not killed by SIGPIPE mid-write.
    if (output.standard_output.size() + static_cast<size_t>(n) > kMaxOutputBytes) {
      output.truncated = true;
    } else {
      output.standard_output.append(buffer, static_cast<size_t>(n));
    }
  }
  while (::waitpid(pid, &output.wait_status, 0) < 0) {
    if (errno != EINTR) {
      return UnavailableError(std::string("cannot wait for '") + argv[0] +
                              "': " + std::strerror(errno));
    }
  }
  return output;
}

}  // namespace

Result<std::vector<std::string>> SplitCommandLine(std::string_view command) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (size_t i = 0; i < command.size(); ++i) {
    char c = command[i];
    if (c == ' ' || c == '\t' || c == '\n') {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
      continue;
    }
    in_word = true;
    if (c == '\\') {
      if (i + 1 < command.size()) word += command[++i];
    } else if (c == '\'') {
      size_t close = command.find('\'', i + 1);
      if (close == std::string_view::npos) {
        return InvalidArgumentError("unterminated single quote in credential_process");
      }
      word.append(command.substr(i + 1, close - i - 1));
      i = close;
    } else if (c == '"') {
      size_t j = i + 1;
      for (; j < command.size() && command[j] != '"'; ++j) {
        if (command[j] == '\\' && j + 1 < command.size() &&
            std::strchr("\"\\$`", command[j + 1]) != nullptr) {
          ++j;
        }
        word += command[j];
      }
      if (j >= command.size()) {
        return InvalidArgumentError("unterminated double quote in credential_process");
      }
      i = j;
    } else {
      word += c;
    }
  }
  if (in_word) words.push_back(std::move(word));
  if (words.empty()) return InvalidArgumentError("credential_process is empty");
  return words;
}

Result<std::optional<Credentials>> ProcessCredentialsProvider::Provide() {
  const std::string context = "credential_process of profile " + profile_;
  Result<std::vector<std::string>> argv = SplitCommandLine(command_);
  if (!argv.ok()) return argv.status().WithContext("profile " + profile_);
  const std::string& program = argv->front();
  Result<ProcessOutput> output = RunCapturingOutput(*argv);
  if (!output.ok()) return output.status().WithContext(context);
  int status = output->wait_status;
  if (WIFSIGNALED(status)) {
    return UnauthenticatedError(context + ": '" + program + "' was killed by signal " +
                                std::to_string(WTERMSIG(status)));
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
    return UnauthenticatedError(context + ": '" + program + "' exited with status " +
                                std::to_string(WEXITSTATUS(status)) +
                                " (its error output, if any, is above)");
  }
  if (output->truncated) {
    return UnauthenticatedError(context + ": '" + program + "' printed more than " +
                                std::to_string(kMaxOutputBytes) + " bytes");
  }

  const std::string what = context + " ('" + program + "')";
  Json document = Json::parse(output->standard_output, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.is_object()) {
    return UnauthenticatedError(what +
                                " did not print a JSON object; it must print "
                                "{\"Version\": 1, \"AccessKeyId\": ..., "
                                "\"SecretAccessKey\": ...}");
  }
  auto version = document.find("Version");
  if (version == document.end() || !version->is_number_integer() ||
      version->get<int64_t>() != kProcessOutputVersion) {
    return UnauthenticatedError(what + " printed a document without \"Version\": 1");
  }
  Result<Credentials> credentials =
      ParseCredentialsDocument(output->standard_output, "SessionToken", what,
                               /*require_expiration=*/false);
  if (!credentials.ok()) {
    return UnauthenticatedError(credentials.status().message());
  }
  credentials->source = context;
  RETURN_IF_ERROR(CheckNotExpired(*credentials, clock_.Now()));
  return std::optional<Credentials>(std::move(*credentials));
}

}  // namespace vueops::auth
