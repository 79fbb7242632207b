#include "http/fake_transport.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace vueops::http {
namespace {

Request Get(std::string url) {
  Request request;
  request.url = std::move(url);
  return request;
}

TEST(FakeTransportTest, AnswersFromTheQueueInOrderThenFromTheHandler) {
  FakeTransport fake;
  fake.Enqueue(503, "slow down");
  fake.Enqueue(UnavailableError("connection reset"));
  fake.SetHandler([](const Request& request) -> Result<Response> {
    return FakeTransport::MakeResponse(200, "handled " + request.url);
  });
  EXPECT_EQ(fake.pending(), 2u);

  Result<Response> first = fake.Send(Get("http://a/1"), Options());
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->status, 503);
  EXPECT_EQ(first->body, "slow down");
  Result<Response> second = fake.Send(Get("http://a/2"), Options());
  EXPECT_EQ(second.status().code(), StatusCode::kUnavailable);
  Result<Response> third = fake.Send(Get("http://a/3"), Options());
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->body, "handled http://a/3");
  EXPECT_EQ(fake.pending(), 0u);
}

TEST(FakeTransportTest, RecordsRequestsAndOptions) {
  FakeTransport fake;
  fake.Enqueue(200);
  Request request = Get("http://a/x");
  request.method = "PUT";
  request.headers = {{"Content-Type", "text/plain"}};
  request.body = "payload";
  Options options;
  options.read_timeout = std::chrono::milliseconds(5);
  ASSERT_TRUE(fake.Send(request, options).ok());
  std::vector<FakeTransport::Call> calls = fake.calls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].request.method, "PUT");
  EXPECT_EQ(calls[0].request.body, "payload");
  EXPECT_EQ(*FindHeader(calls[0].request.headers, "content-type"), "text/plain");
  EXPECT_EQ(calls[0].options.read_timeout, std::chrono::milliseconds(5));
}

TEST(FakeTransportTest, UnscriptedRequestFailsNamingIt) {
  FakeTransport fake;
  Result<Response> result = fake.Send(Get("http://a/missing"), Options());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(result.status().message().find("GET http://a/missing"), std::string::npos);
  EXPECT_EQ(fake.call_count(), 1u);
}

TEST(FakeTransportTest, SafeFromManyThreads) {
  FakeTransport fake;
  std::atomic<int> handled{0};
  fake.SetHandler([&](const Request&) -> Result<Response> {
    handled.fetch_add(1);
    return FakeTransport::MakeResponse(200);
  });
  for (int i = 0; i < 100; ++i) fake.Enqueue(201);
  std::vector<std::thread> threads;
  std::atomic<int> created{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        Result<Response> response = fake.Send(Get("http://a/"), Options());
        if (response.ok() && response->status == 201) created.fetch_add(1);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(fake.call_count(), 400u);
  EXPECT_EQ(created.load(), 100);
  EXPECT_EQ(handled.load(), 300);
}

}  // namespace
}  // namespace vueops::http
