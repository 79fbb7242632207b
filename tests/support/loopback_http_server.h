// A tiny HTTP/1.1 server on 127.0.0.1 with a port the OS chooses, for tests of the HTTP
// transport: it counts the TCP connections it accepts and can answer well, answer garbage,
// close mid-response or stay silent, as each test's handler decides.
#ifndef VUEOPS_TESTS_SUPPORT_LOOPBACK_HTTP_SERVER_H_
#define VUEOPS_TESTS_SUPPORT_LOOPBACK_HTTP_SERVER_H_

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "base/status.h"
#include "http/http.h"

namespace vueops::test_support {

class LoopbackHttpServer {
 public:
  struct Request {
    std::string method;
    std::string target;  // path and query as sent
    http::Headers headers;
    std::string body;
    // False when the body was larger than Config::max_body_bytes and was left unread.
    bool body_read = true;
    int connection = 0;  // 1-based index of the TCP connection that carried the request
  };

  struct Reply {
    std::string bytes;         // written verbatim; HttpResponse() builds a well-formed one
    bool close_after = false;  // close the connection once `bytes` are written
    bool hang = false;         // after `bytes`, keep the connection open and silent until Stop
  };

  using Handler = std::function<Reply(const Request&)>;

  struct Config {
    // Bodies announced larger than this are not read: the handler sees body_read == false.
    size_t max_body_bytes = static_cast<size_t>(-1);
    // When not empty, written as soon as a connection is accepted, which is then closed
    // without reading anything (a server speaking some other protocol).
    std::string banner_then_close;
  };

  // "HTTP/1.1 <status> <reason>", the headers, a Content-Length, a blank line and the body.
  static std::string HttpResponse(int status, std::string_view body,
                                  const http::Headers& headers = {});

  // Binds 127.0.0.1:0, starts accepting, and serves each connection on its own thread. The
  // handler may run on several threads at once.
  static Result<std::unique_ptr<LoopbackHttpServer>> Start(Handler handler, Config config);
  static Result<std::unique_ptr<LoopbackHttpServer>> Start(Handler handler);

  // Stops accepting, wakes and closes every connection (hanging ones too) and joins threads.
  ~LoopbackHttpServer();

  int port() const { return port_; }
  std::string url() const;  // "http://127.0.0.1:<port>"
  int accepted_connections() const { return accepted_.load(); }
  int requests_served() const { return served_.load(); }

 private:
  LoopbackHttpServer(Handler handler, Config config)
      : handler_(std::move(handler)), config_(config) {}
  void AcceptLoop();
  void Serve(int fd, int connection);
  // Waits until `fd` is readable; false when the server is stopping.
  bool WaitReadable(int fd);
  bool WriteAll(int fd, std::string_view bytes);

  Handler handler_;
  Config config_;
  int listen_fd_ = -1;
  int wake_read_fd_ = -1;  // becomes readable (and stays so) when the server stops
  int wake_write_fd_ = -1;
  int port_ = 0;
  std::atomic<int> accepted_{0};
  std::atomic<int> served_{0};
  std::thread acceptor_;
  std::mutex connections_mutex_;
  std::vector<std::thread> connections_;
};

}  // namespace vueops::test_support

#endif  // VUEOPS_TESTS_SUPPORT_LOOPBACK_HTTP_SERVER_H_
