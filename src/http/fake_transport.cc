#include "http/fake_transport.h"

#include <utility>

namespace vueops::http {

Response FakeTransport::MakeResponse(int status, std::string body, Headers headers) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  response.headers = std::move(headers);
  return response;
}

void FakeTransport::Enqueue(Result<Response> answer) {
  std::lock_guard<std::mutex> lock(mutex_);
  queue_.push_back(std::move(answer));
}

void FakeTransport::Enqueue(int status, std::string body, Headers headers) {
  Enqueue(MakeResponse(status, std::move(body), std::move(headers)));
}

void FakeTransport::SetHandler(Handler handler) {
  std::lock_guard<std::mutex> lock(mutex_);
  handler_ = std::move(handler);
}

Result<Response> FakeTransport::Send(const Request& request, const Options& options) {
  Handler handler;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    calls_.push_back({request, options});
    if (!queue_.empty()) {
      Result<Response> answer = std::move(queue_.front());
      queue_.pop_front();
      return answer;
    }
    handler = handler_;
  }
  // The handler runs outside the lock so that it may block, or call back into the fake.
  if (handler) return handler(request);
  return FailedPreconditionError("fake transport: nothing scripted for " + request.method + " " +
                                 request.url);
}

std::vector<FakeTransport::Call> FakeTransport::calls() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return calls_;
}

size_t FakeTransport::call_count() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return calls_.size();
}

size_t FakeTransport::pending() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return queue_.size();
}

}  // namespace vueops::http
