// The way to a database in a private subnet (notes: "RDS": "fab db-shell from an SSH session to
// AWS machine used to manage DB directly"; "vueops - ... SSH entry"): an `ssh -L` forward from
// a loopback port on the operator's machine through an SSH host, and the child processes
// (ssh, mysql) it takes, started without a shell.
#ifndef VUEOPS_OPS_SSH_TUNNEL_H_
#define VUEOPS_OPS_SSH_TUNNEL_H_

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"

namespace vueops::ops {

struct SshTunnelSpec {
  std::string host;  // the SSH host (entry host or a server)
  std::string user;
  std::string key_file;     // the private key, mode 0600
  int local_port = 0;       // on 127.0.0.1
  std::string remote_host;  // as the SSH host resolves it (the RDS endpoint)
  int remote_port = 0;
};

// ssh's arguments for `spec`: no remote command (-N), exit when the forward cannot be set up,
// only this key, new host keys accepted and changed ones refused, the forward bound to
// 127.0.0.1 only.
std::vector<std::string> SshTunnelArguments(const SshTunnelSpec& spec);

// A free TCP port on 127.0.0.1, chosen by the OS.
Result<int> FreeLoopbackPort();

// A child process started from `argv` (argv[0] looked up on PATH), inheriting the terminal.
class ChildProcess {
 public:
  static Result<ChildProcess> Start(const std::vector<std::string>& argv);
  ChildProcess(ChildProcess&& other) noexcept : pid_(other.pid_) { other.pid_ = -1; }
  ChildProcess& operator=(ChildProcess&&) = delete;
  ~ChildProcess();  // terminates and reaps a child still running

  pid_t pid() const { return pid_; }
  // Waits for the child; its exit code, or 128 + signal.
  int Wait();
  // The exit code when it has exited, else -1 (without waiting).
  int Poll();
  // SIGTERM, then waits.
  void Stop();

 private:
  explicit ChildProcess(pid_t pid) : pid_(pid) {}
  pid_t pid_ = -1;
};

// An ssh forward, stopped when destroyed.
class SshTunnel {
 public:
  // Starts `ssh` (from PATH) and waits, sleeping on `clock`, until 127.0.0.1:local_port accepts
  // connections; fails when ssh exits first or after `timeout`.
  static Result<SshTunnel> Open(const SshTunnelSpec& spec, Clock& clock,
                                std::chrono::milliseconds timeout);

  int local_port() const { return local_port_; }

 private:
  SshTunnel(ChildProcess ssh, int port) : ssh_(std::move(ssh)), local_port_(port) {}
  ChildProcess ssh_;
  int local_port_ = 0;
};

// Runs `argv` in the foreground (the terminal's Ctrl-C goes to it, not to vueops, so that
// vueops is still there to clean up after it) and returns its exit code.
Result<int> RunInForeground(const std::vector<std::string>& argv);

}  // namespace vueops::ops

#endif  // VUEOPS_OPS_SSH_TUNNEL_H_
