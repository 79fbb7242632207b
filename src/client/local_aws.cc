#include "client/local_aws.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "base/file.h"
#include "http/curl_transport.h"

extern char** environ;

namespace vueops::client {
namespace {

using SteadyClock = std::chrono::steady_clock;

// The Python program moto runs under. A thread watches stdin, a pipe whose other end only
// vueops holds: when vueops exits, however it exits, the read returns and the program ends
// itself, so a crashed test binary leaves no server behind (unless started detached). An import failure exits with
// kImportFailureExit so that a missing moto is told apart from a moto that failed.
constexpr int kImportFailureExit = 3;
constexpr char kImportFailurePrefix[] = "vueops-local-aws: cannot import ";
constexpr char kLauncherProgram[] = R"(import importlib, os, sys, threading
def exit_with_parent():
    try:
        while os.read(0, 4096):
            pass
    finally:
        os._exit(0)
if os.environ.get("VUEOPS_LOCAL_AWS_DETACHED") != "1":
    threading.Thread(target=exit_with_parent, daemon=True).start()
try:
    server = importlib.import_module(sys.argv[1])
except ImportError as error:
    sys.stderr.write("vueops-local-aws: cannot import %s: %s\n" % (sys.argv[1], error))
    sys.stderr.flush()
    os._exit(3)
server.main(sys.argv[2:])
)";

// How werkzeug (under moto's server) announces its address.
constexpr std::string_view kAnnouncement = "Running on http://127.0.0.1:";
// Enough of moto's output to explain a failure.
constexpr size_t kOutputTailBytes = 8 * 1024;
// Between readiness probes, and between checks that moto has exited after SIGTERM.
constexpr auto kProbeInterval = std::chrono::milliseconds(20);
constexpr auto kExitPollInterval = std::chrono::milliseconds(10);

std::string Errno(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

// A loopback port free at this moment, for a detached moto, whose announcement vueops cannot
// read (its output goes to a file). Another process could take it before moto binds it; moto
// then fails to start and says so.
Result<int> FreeLoopbackPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return InternalError(Errno("socket"));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof(address);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    std::string problem = Errno("bind 127.0.0.1:0");
    ::close(fd);
    return InternalError(problem);
  }
  ::close(fd);
  return static_cast<int>(ntohs(address.sin_port));
}

void CloseFd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

std::string DefaultPython() {
  const char* python = std::getenv("VUEOPS_PYTHON");
  return python != nullptr && python[0] != '\0' ? python : "python3";
}

// The process environment, with MOTO_IAM_LOAD_MANAGED_POLICIES=true (AWS's managed policies,
// such as AdministratorAccess, exist in every account as they do in AWS; moto leaves them out
// by default) and PYTHONUNBUFFERED=1 (so the announcement is not held in a
// buffer) and `overrides` replacing variables of the same name.
std::vector<std::string> ChildEnvironment(const std::map<std::string, std::string>& overrides) {
  std::map<std::string, std::string> all = overrides;
  all.emplace("MOTO_IAM_LOAD_MANAGED_POLICIES", "true");
  all.emplace("PYTHONUNBUFFERED", "1");
  std::vector<std::string> result;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    std::string_view text(*entry);
    std::string name(text.substr(0, text.find('=')));
    if (all.count(name) == 0) result.emplace_back(text);
  }
  for (const auto& [name, value] : all) result.push_back(name + "=" + value);
  return result;
}

std::vector<char*> Pointers(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (std::string& text : strings) pointers.push_back(text.data());
  pointers.push_back(nullptr);
  return pointers;
}

}  // namespace

LocalAws::LocalAws(Options options) : options_(std::move(options)) {
  if (options_.python.empty()) options_.python = DefaultPython();
  transport_ = options_.transport;
  if (transport_ == nullptr) {
    own_transport_ = std::make_unique<http::CurlTransport>();
    transport_ = own_transport_.get();
  }
}

LocalAws::~LocalAws() {
  if (!options_.detached || !started_) Stop();
  CloseDescriptors();
}

Result<std::unique_ptr<LocalAws>> LocalAws::Start() { return Start(Options()); }

Result<std::unique_ptr<LocalAws>> LocalAws::Start(Options options) {
  std::unique_ptr<LocalAws> local(new LocalAws(std::move(options)));
  local->startup_deadline_ = SteadyClock::now() + local->options_.startup_timeout;
  // On any failure below, returning destroys `local`, which stops whatever was started.
  if (local->options_.detached && local->options_.log_path.empty()) {
    return InvalidArgumentError("a detached local AWS needs a log file for its output");
  }
  RETURN_IF_ERROR(local->Launch());
  if (!local->options_.detached) RETURN_IF_ERROR(local->AwaitPort());
  RETURN_IF_ERROR(local->AwaitReady());
  local->started_ = true;
  return local;
}

Status LocalAws::Launch() {
  int lifeline[2], output[2], wake[2];
  if (::pipe2(lifeline, O_CLOEXEC) != 0) return InternalError(Errno("pipe"));
  lifeline_fd_ = lifeline[1];
  if (::pipe2(output, O_CLOEXEC) != 0) {
    ::close(lifeline[0]);
    return InternalError(Errno("pipe"));
  }
  output_fd_ = output[0];
  if (::pipe2(wake, O_CLOEXEC) != 0) {
    ::close(lifeline[0]);
    ::close(output[1]);
    return InternalError(Errno("pipe"));
  }
  wake_read_fd_ = wake[0];
  wake_write_fd_ = wake[1];

  std::map<std::string, std::string> environment_overrides = options_.environment;
  std::string port_argument = "0";
  int log_fd = -1;
  if (options_.detached) {
    Result<int> port = FreeLoopbackPort();
    log_fd = ::open(options_.log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (!port.ok() || log_fd < 0) {
      std::string problem = port.ok() ? Errno(("open " + options_.log_path).c_str())
                                      : port.status().message();
      if (log_fd >= 0) ::close(log_fd);
      for (int fd : {lifeline[0], output[1]}) ::close(fd);
      return InternalError(problem);
    }
    port_ = *port;
    port_argument = std::to_string(port_);
    endpoint_url_ = "http://127.0.0.1:" + port_argument;
    environment_overrides["VUEOPS_LOCAL_AWS_DETACHED"] = "1";
  }

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (options_.detached) {
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, log_fd, STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, log_fd, STDERR_FILENO);
  } else {
    posix_spawn_file_actions_adddup2(&actions, lifeline[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, output[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, output[1], STDERR_FILENO);
  }
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  // Its own process group, so that Stop() can end moto and anything it started at once.
  posix_spawnattr_setpgroup(&attributes, 0);
  sigset_t signals;
  sigemptyset(&signals);
  posix_spawnattr_setsigmask(&attributes, &signals);
  for (int signal_number : {SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGCHLD}) {
    sigaddset(&signals, signal_number);
  }
  posix_spawnattr_setsigdefault(&attributes, &signals);
  posix_spawnattr_setflags(&attributes,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  std::vector<std::string> arguments = {options_.python,
                                        "-c",
                                        kLauncherProgram,
                                        options_.server_module,
                                        "-H",
                                        "127.0.0.1",
                                        "-p",
                                        port_argument};
  std::vector<std::string> environment = ChildEnvironment(environment_overrides);
  std::vector<char*> argv = Pointers(arguments);
  std::vector<char*> envp = Pointers(environment);
  int error = ::posix_spawnp(&pid_, options_.python.c_str(), &actions, &attributes, argv.data(),
                             envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  ::close(lifeline[0]);
  ::close(output[1]);
  if (log_fd >= 0) ::close(log_fd);
  if (error != 0) {
    pid_ = -1;
    return NotFoundError("cannot run " + options_.python + " (" + std::strerror(error) +
                         "); install python3 with moto: run scripts/bootstrap");
  }
  drainer_ = std::thread([this] { DrainOutput(); });
  return Status::Ok();
}

void LocalAws::DrainOutput() {
  int log_fd = -1;
  if (!options_.log_path.empty()) {
    log_fd = ::open(options_.log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  }
  char chunk[4096];
  while (true) {
    pollfd fds[2] = {{output_fd_, POLLIN, 0}, {wake_read_fd_, POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0 && errno == EINTR) continue;
    if (fds[1].revents != 0) break;  // Stop() reaped moto
    ssize_t got = ::read(output_fd_, chunk, sizeof(chunk));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;  // every writer closed: moto exited
    if (log_fd >= 0) (void)!::write(log_fd, chunk, static_cast<size_t>(got));
    std::lock_guard<std::mutex> lock(output_mutex_);
    output_tail_.append(chunk, static_cast<size_t>(got));
    if (announced_port_ == 0) {
      size_t at = output_tail_.find(kAnnouncement);
      size_t line_end = at == std::string::npos ? at : output_tail_.find('\n', at);
      if (line_end != std::string::npos) {
        announced_port_ = std::atoi(output_tail_.c_str() + at + kAnnouncement.size());
        if (announced_port_ <= 0) announced_port_ = -1;  // announced, but unreadable
      }
    }
    if (output_tail_.size() > kOutputTailBytes) {
      size_t cut = output_tail_.find('\n', output_tail_.size() - kOutputTailBytes);
      output_tail_.erase(
          0, cut == std::string::npos ? output_tail_.size() - kOutputTailBytes : cut + 1);
    }
    output_changed_.notify_all();
  }
  if (log_fd >= 0) ::close(log_fd);
  std::lock_guard<std::mutex> lock(output_mutex_);
  output_closed_ = true;
  output_changed_.notify_all();
}

std::string LocalAws::OutputTail() const {
  if (options_.detached) return LogTail();
  std::lock_guard<std::mutex> lock(output_mutex_);
  return output_tail_;
}

std::string LocalAws::LogTail() const {
  Result<std::string> log = ReadFile(options_.log_path);
  if (!log.ok()) return "";
  if (log->size() <= kOutputTailBytes) return *log;
  return log->substr(log->size() - kOutputTailBytes);
}

bool LocalAws::ChildExited() {
  if (pid_ <= 0 || reaped_) return true;
  siginfo_t info{};
  if (::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) != 0) {
    return true;  // not our child any more
  }
  return info.si_pid != 0;
}

bool LocalAws::running() { return !ChildExited(); }

Status LocalAws::StartupFailure(StatusCode code, const std::string& what) {
  std::string tail = OutputTail();
  Stop();
  std::string message = what;
  if (!tail.empty()) message += "; its output ended with:\n" + tail;
  return Status(code, message);
}

Status LocalAws::AwaitPort() {
  const auto deadline = startup_deadline_;
  int announced_port;
  bool output_closed;
  {
    std::unique_lock<std::mutex> lock(output_mutex_);
    output_changed_.wait_until(lock, deadline,
                               [&] { return announced_port_ != 0 || output_closed_; });
    announced_port = announced_port_;
    output_closed = output_closed_;
  }
  if (announced_port > 0) {
    port_ = announced_port;
    endpoint_url_ = "http://127.0.0.1:" + std::to_string(port_);
    return Status::Ok();
  }
  std::string who = options_.python + " -m " + options_.server_module;
  if (announced_port < 0) {
    return StartupFailure(StatusCode::kUnavailable, who + " announced an unreadable port");
  }
  if (!output_closed) {
    return StartupFailure(StatusCode::kDeadlineExceeded,
                          who + " did not announce its port within " +
                              std::to_string(options_.startup_timeout.count()) + " ms");
  }
  // The output closed: the process is exiting. Collect its status.
  int status = 0;
  for (auto until = SteadyClock::now() + options_.stop_grace; SteadyClock::now() < until;) {
    if (ChildExited()) break;
    std::this_thread::sleep_for(kExitPollInterval);
  }
  if (!ChildExited()) return StartupFailure(StatusCode::kUnavailable, who + " closed its output");
  ::waitpid(pid_, &status, 0);
  reaped_ = true;
  std::string tail = OutputTail();
  if (WIFEXITED(status) && WEXITSTATUS(status) == kImportFailureExit) {
    // "vueops-local-aws: cannot import moto.server: No module named 'moto'"
    std::string reason;
    if (size_t at = tail.find(kImportFailurePrefix); at != std::string::npos) {
      size_t colon = tail.find(": ", at + sizeof(kImportFailurePrefix) - 1);
      size_t end = tail.find('\n', at);
      if (colon != std::string::npos && colon < end)
        reason = tail.substr(colon + 2, end - colon - 2);
    }
    std::string package = options_.server_module.substr(0, options_.server_module.find('.'));
    Stop();
    return NotFoundError(options_.python + " cannot import " + package +
                         (reason.empty() ? "" : " (" + reason + ")") + "; run scripts/bootstrap");
  }
  std::string how = WIFEXITED(status) ? "exited with status " + std::to_string(WEXITSTATUS(status))
                                      : "was killed by signal " + std::to_string(WTERMSIG(status));
  return StartupFailure(StatusCode::kUnavailable, who + " " + how + " before it was ready");
}

Status LocalAws::AwaitReady() {
  const auto deadline = startup_deadline_;
  http::Request probe;
  probe.url = endpoint_url_ + "/moto-api/";
  http::Options probe_options;
  probe_options.connect_timeout = std::chrono::milliseconds(1000);
  probe_options.total_timeout = std::chrono::milliseconds(5000);
  std::string last_problem = "no answer yet";
  while (SteadyClock::now() < deadline) {
    Result<http::Response> response = transport_->Send(probe, probe_options);
    if (response.ok() && response->status == 200) return Status::Ok();
    last_problem =
        response.ok() ? "HTTP " + std::to_string(response->status) : response.status().message();
    if (ChildExited()) {
      return StartupFailure(StatusCode::kUnavailable,
                            "moto exited before answering GET /moto-api/ (" + last_problem + ")");
    }
    std::this_thread::sleep_for(kProbeInterval);
  }
  return StartupFailure(StatusCode::kDeadlineExceeded,
                        "moto at " + endpoint_url_ + " did not answer GET /moto-api/ within " +
                            std::to_string(options_.startup_timeout.count()) + " ms (" +
                            last_problem + ")");
}

Status LocalAws::Reset() {
  http::Request request;
  request.method = "POST";
  request.url = endpoint_url_ + "/moto-api/reset";
  http::Options reset_options;
  reset_options.total_timeout = std::chrono::milliseconds(30'000);
  Result<http::Response> response = transport_->Send(request, reset_options);
  if (!response.ok()) return response.status().WithContext("reset the local AWS");
  if (response->status != 200) {
    return UnavailableError("reset the local AWS: POST /moto-api/reset answered HTTP " +
                            std::to_string(response->status) + ": " +
                            response->body.substr(0, 200));
  }
  return Status::Ok();
}

void LocalAws::Stop() {
  if (pid_ > 0 && !reaped_) {
    ::kill(-pid_, SIGTERM);
    CloseFd(lifeline_fd_);
    for (auto until = SteadyClock::now() + options_.stop_grace; SteadyClock::now() < until;) {
      if (ChildExited()) break;
      std::this_thread::sleep_for(kExitPollInterval);
    }
    // Until moto is reaped its process group id cannot be reused, so this reaches only moto's
    // group: the leader if it ignored SIGTERM, and anything it left behind.
    ::kill(-pid_, SIGKILL);
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    reaped_ = true;
  }
  CloseDescriptors();
}

void LocalAws::CloseDescriptors() {
  CloseFd(lifeline_fd_);
  if (drainer_.joinable()) {
    char byte = 0;
    (void)!::write(wake_write_fd_, &byte, 1);
    drainer_.join();
  }
  CloseFd(output_fd_);
  CloseFd(wake_read_fd_);
  CloseFd(wake_write_fd_);
}

}  // namespace vueops::client
