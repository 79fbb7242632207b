// Child processes for the state tests that need a second process (SQLite's file locks are per
// process) or a crash (kill -9). Reports travel back through a pipe, so the parent acts on
// what the child has done, never on elapsed time.
#ifndef VUEOPS_STATE_TESTING_CHILD_PROCESS_H_
#define VUEOPS_STATE_TESTING_CHILD_PROCESS_H_

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <functional>
#include <optional>
#include <string>

namespace vueops::state::testing {

// A pipe whose ends close with it.
class Pipe {
 public:
  Pipe() {
    int fds[2] = {-1, -1};
    if (::pipe(fds) == 0) {
      read_ = fds[0];
      write_ = fds[1];
    }
  }
  ~Pipe() {
    CloseRead();
    CloseWrite();
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;

  bool ok() const { return read_ >= 0 && write_ >= 0; }
  void CloseRead() { Close(&read_); }
  void CloseWrite() { Close(&write_); }

  // Writes of up to PIPE_BUF bytes are atomic, so several writers never interleave a message.
  bool Write(const std::string& message) {
    std::string line = message + "\n";
    return ::write(write_, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  }
  // The next line, without its newline; nullopt at end of file (every writer closed).
  std::optional<std::string> ReadLine() {
    std::string line;
    char c;
    while (true) {
      ssize_t n = ::read(read_, &c, 1);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return line.empty() ? std::nullopt : std::optional<std::string>(line);
      if (c == '\n') return line;
      line += c;
    }
  }

 private:
  static void Close(int* fd) {
    if (*fd >= 0) ::close(*fd);
    *fd = -1;
  }
  int read_ = -1;
  int write_ = -1;
};

// Runs `body` in a forked child, which exits with what it returns (skipping the test
// framework's exit handlers). Returns the child's pid, or -1 when fork fails.
inline pid_t StartChild(const std::function<int()>& body) {
  pid_t pid = ::fork();
  if (pid == 0) ::_exit(body());
  return pid;
}

// Waits for the child: its exit status, or 128 + the signal that killed it.
inline int WaitChild(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace vueops::state::testing

#endif  // VUEOPS_STATE_TESTING_CHILD_PROCESS_H_
