#include "ops/ssh_tunnel.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

extern char** environ;

namespace vueops::ops {
namespace {

constexpr std::chrono::milliseconds kTunnelPoll{100};

sockaddr_in Loopback(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

bool Accepts(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in address = Loopback(port);
  bool connected = ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0;
  ::close(fd);
  return connected;
}

int ExitCode(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 1;
}

Result<pid_t> Spawn(const std::vector<std::string>& argv, const posix_spawnattr_t* attributes) {
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  int error = ::posix_spawnp(&pid, args[0], nullptr, attributes, args.data(), environ);
  if (error != 0) {
    return FailedPreconditionError("cannot run " + argv[0] + ": " + std::strerror(error) +
                                   (error == ENOENT ? " (is it installed and on PATH?)" : ""));
  }
  return pid;
}

}  // namespace

std::vector<std::string> SshTunnelArguments(const SshTunnelSpec& spec) {
  return {"ssh",
          "-N",
          "-o",
          "ExitOnForwardFailure=yes",
          "-o",
          "IdentitiesOnly=yes",
          "-o",
          "StrictHostKeyChecking=accept-new",
          "-i",
          spec.key_file,
          "-L",
          "127.0.0.1:" + std::to_string(spec.local_port) + ":" + spec.remote_host + ":" +
              std::to_string(spec.remote_port),
          spec.user.empty() ? spec.host : spec.user + "@" + spec.host};
}

Result<int> FreeLoopbackPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return InternalError(std::string("socket: ") + std::strerror(errno));
  sockaddr_in address = Loopback(0);
  socklen_t length = sizeof(address);
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    int error = errno;
    ::close(fd);
    return InternalError(std::string("cannot find a free port on 127.0.0.1: ") +
                         std::strerror(error));
  }
  ::close(fd);
  return static_cast<int>(ntohs(address.sin_port));
}

Result<ChildProcess> ChildProcess::Start(const std::vector<std::string>& argv) {
  ASSIGN_OR_RETURN(pid_t pid, Spawn(argv, nullptr));
  return ChildProcess(pid);
}

ChildProcess::~ChildProcess() { Stop(); }

int ChildProcess::Wait() {
  if (pid_ < 0) return 1;
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  return ExitCode(status);
}

int ChildProcess::Poll() {
  if (pid_ < 0) return 1;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) != pid_) return -1;
  pid_ = -1;
  return ExitCode(status);
}

void ChildProcess::Stop() {
  if (pid_ < 0) return;
  ::kill(pid_, SIGTERM);
  Wait();
}

Result<SshTunnel> SshTunnel::Open(const SshTunnelSpec& spec, Clock& clock,
                                  std::chrono::milliseconds timeout) {
  ASSIGN_OR_RETURN(ChildProcess ssh, ChildProcess::Start(SshTunnelArguments(spec)));
  const Clock::Duration began = clock.Monotonic();
  while (!Accepts(spec.local_port)) {
    if (int code = ssh.Poll(); code >= 0) {
      return UnavailableError("ssh to " + spec.host + " exited (status " + std::to_string(code) +
                              ") before the tunnel to " + spec.remote_host + ":" +
                              std::to_string(spec.remote_port) +
                              " was up; see ssh's message "
                              "above");
    }
    if (clock.Monotonic() - began > timeout) {
      return DeadlineExceededError("the ssh tunnel through " + spec.host + " was not up after " +
                                   std::to_string(timeout.count() / 1000) + " s");
    }
    clock.SleepFor(kTunnelPoll);
  }
  return SshTunnel(std::move(ssh), spec.local_port);
}

Result<int> RunInForeground(const std::vector<std::string>& argv) {
  // The child gets the default dispositions back (posix_spawn resets ignored signals only when
  // asked), while vueops ignores the terminal's signals until the child is done.
  posix_spawnattr_t attributes;
  ::posix_spawnattr_init(&attributes);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGQUIT);
  ::posix_spawnattr_setsigdefault(&attributes, &defaults);
  ::posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF);
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  struct sigaction saved_int {
  }, saved_quit{};
  ::sigaction(SIGINT, &ignore, &saved_int);
  ::sigaction(SIGQUIT, &ignore, &saved_quit);
  Result<pid_t> pid = Spawn(argv, &attributes);
  ::posix_spawnattr_destroy(&attributes);
  int code = 1;
  if (pid.ok()) {
    int status = 0;
    while (::waitpid(*pid, &status, 0) < 0 && errno == EINTR) {
    }
    code = ExitCode(status);
  }
  ::sigaction(SIGINT, &saved_int, nullptr);
  ::sigaction(SIGQUIT, &saved_quit, nullptr);
  if (!pid.ok()) return pid.status();
  return code;
}

}  // namespace vueops::ops
