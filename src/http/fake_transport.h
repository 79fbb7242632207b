// A transport for tests of everything above HTTP: answers from a script or a handler, and
// remembers every request it was given. Safe to use from many threads at once.
#ifndef VUEOPS_HTTP_FAKE_TRANSPORT_H_
#define VUEOPS_HTTP_FAKE_TRANSPORT_H_

#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "http/http.h"

namespace vueops::http {

class FakeTransport : public Transport {
 public:
  // Computes the answer to one request; may return a failed Result to act as a transport
  // error (connection refused, timeout).
  using Handler = std::function<Result<Response>(const Request&)>;

  // A request as the fake received it, with the options it was sent with.
  struct Call {
    Request request;
    Options options;
  };

  // A response with `status`, `body` and `headers`, for scripts.
  static Response MakeResponse(int status, std::string body = "", Headers headers = {});

  // Queues one answer. Queued answers are given in order, one per request, before the handler
  // is consulted.
  void Enqueue(Result<Response> answer);
  void Enqueue(int status, std::string body = "", Headers headers = {});
  // Answers every request once the queue is empty.
  void SetHandler(Handler handler);

  // Records the request, then answers it from the queue, else from the handler. With neither
  // it fails with kFailedPrecondition naming the request, so a test that sends more requests
  // than it scripted fails clearly.
  Result<Response> Send(const Request& request, const Options& options) override;

  // Every request received so far, in arrival order.
  std::vector<Call> calls() const;
  size_t call_count() const;
  // Answers queued but not yet given.
  size_t pending() const;

 private:
  mutable std::mutex mutex_;
  std::deque<Result<Response>> queue_;
  Handler handler_;
  std::vector<Call> calls_;
};

}  // namespace vueops::http

#endif  // VUEOPS_HTTP_FAKE_TRANSPORT_H_
