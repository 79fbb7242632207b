// The local AWS: a moto server that vueops starts for `vueops up --local` and for tests, on a
// loopback port the OS chooses, and stops by its process id.
//
// moto (https://github.com/getmoto/moto) is run through the machine's python3. Its server
// binds port 0 and announces the port it got (" * Running on http://127.0.0.1:PORT"); the
// launcher reads that line, then waits until GET /moto-api/ answers. moto sets MOTO_PORT to
// "0" in that case, which only its Lambda and Batch emulation use (vueops needs neither).
//
// No orphans: moto runs in its own process group, which Stop() (and the destructor) ends with
// SIGTERM, then SIGKILL after a grace period. If this process dies without running them (a
// crash, SIGKILL), moto notices that its stdin — a pipe only this process holds open — has
// closed, and exits at once. A detached moto (Options::detached) is the one exception: it is
// meant to outlive vueops, and the operator stops it by its pid.
//
// Thread-safety: endpoint_url(), port(), Reset() and OutputTail() may be called from many
// threads; Stop() and destruction must not overlap other calls.
#ifndef VUEOPS_CLIENT_LOCAL_AWS_H_
#define VUEOPS_CLIENT_LOCAL_AWS_H_

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "base/status.h"
#include "http/http.h"

namespace vueops::client {

class LocalAws {
 public:
  struct Options {
    // The Python interpreter ($VUEOPS_PYTHON when set, else python3), found on PATH.
    std::string python;
    // The module whose main(argv) serves; tests substitute a stand-in.
    std::string server_module = "moto.server";
    // Added to (or replacing in) moto's environment, e.g. INITIAL_NO_AUTH_ACTION_COUNT.
    std::map<std::string, std::string> environment;
    // How long moto may take to announce its port and answer /moto-api/.
    std::chrono::milliseconds startup_timeout{60'000};
    // Between SIGTERM and SIGKILL.
    std::chrono::milliseconds stop_grace{3'000};
    // Also append moto's output to this file (for `vueops up --local`); empty: keep only the
    // tail in memory.
    std::string log_path;
    // moto outlives this object (`vueops up --local --keep`): it does not watch its stdin,
    // its output goes only to log_path (required), it listens on a port chosen here, and the
    // destructor leaves it running once started; Stop() still ends it.
    bool detached = false;
    // For the readiness probe and Reset(); when null, a libcurl transport of its own.
    http::Transport* transport = nullptr;
  };

  // Starts moto and returns once it answers. Fails with kNotFound ("python3 cannot import
  // moto; run scripts/bootstrap") when the interpreter or the module is missing; with
  // kUnavailable / kDeadlineExceeded, quoting the tail of moto's output, when it exits early
  // or does not answer within the startup timeout (it is then stopped).
  static Result<std::unique_ptr<LocalAws>> Start(Options options);
  static Result<std::unique_ptr<LocalAws>> Start();

  // Stops moto (see Stop), unless it was started detached.
  ~LocalAws();

  LocalAws(const LocalAws&) = delete;
  LocalAws& operator=(const LocalAws&) = delete;

  // "http://127.0.0.1:PORT", the endpoint URL every service of the local AWS answers on.
  const std::string& endpoint_url() const { return endpoint_url_; }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  const std::string& log_path() const { return options_.log_path; }

  // Empties every service of the local AWS (POST /moto-api/reset).
  Status Reset();

  // Ends moto's process group: SIGTERM, then SIGKILL once the grace period has passed, and
  // reaps it. Idempotent.
  void Stop();

  // True while moto's process has not exited.
  bool running();

  // The last lines moto printed (stdout and stderr), for error messages.
  std::string OutputTail() const;

 private:
  explicit LocalAws(Options options);
  Status Launch();
  // Ends the output drainer and closes the pipes (moto itself is Stop()'s business).
  void CloseDescriptors();
  // Detached: the log file's end stands in for the output tail.
  std::string LogTail() const;
  // Both wait until startup_deadline_.
  Status AwaitPort();
  Status AwaitReady();
  void DrainOutput();
  // Whether the child has exited, without reaping it (so its process group id stays ours).
  bool ChildExited();
  Status StartupFailure(StatusCode code, const std::string& what);

  Options options_;
  std::unique_ptr<http::Transport> own_transport_;
  http::Transport* transport_ = nullptr;
  pid_t pid_ = -1;
  bool reaped_ = false;
  bool started_ = false;  // answered its readiness probe
  int lifeline_fd_ = -1;  // write end of moto's stdin; closing it tells moto to exit
  int output_fd_ = -1;    // read end of moto's stdout + stderr
  int wake_read_fd_ = -1;
  int wake_write_fd_ = -1;
  int port_ = 0;
  std::string endpoint_url_;
  std::chrono::steady_clock::time_point startup_deadline_;

  std::thread drainer_;
  mutable std::mutex output_mutex_;
  std::condition_variable output_changed_;
  std::string output_tail_;     // guarded by output_mutex_
  int announced_port_ = 0;      // guarded by output_mutex_
  bool output_closed_ = false;  // guarded by output_mutex_
};

}  // namespace vueops::client

#endif  // VUEOPS_CLIENT_LOCAL_AWS_H_
