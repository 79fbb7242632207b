#include "model/waiter.h"

#include <gtest/gtest.h>

#include "model/service_model.h"

namespace vueops::model {
namespace {

Json J(const char* text) { return ParseJson(text).value(); }

// InstanceRunning as EC2's waiters-2.json defines it (trimmed to its four acceptors).
const char* kWaiters = R"({
  "InstanceRunning": {"delay": 15, "operation": "DescribeInstances", "maxAttempts": 4,
    "acceptors": [
      {"expected": "running", "matcher": "pathAll", "state": "success",
       "argument": "Reservations[].Instances[].State.Name"},
      {"expected": "terminated", "matcher": "pathAny", "state": "failure",
       "argument": "Reservations[].Instances[].State.Name"},
      {"expected": "InvalidInstanceID.NotFound", "matcher": "error", "state": "retry"},
      {"expected": 404, "matcher": "status", "state": "retry"}
    ]},
  "BucketExists": {"delay": 5, "operation": "HeadBucket", "maxAttempts": 3,
    "acceptors": [{"expected": 200, "matcher": "status", "state": "success"},
                  {"expected": true, "matcher": "path", "state": "success", "argument": "Ready"}]},
  "DeletedQuietly": {"delay": 1, "operation": "Get", "maxAttempts": 2,
    "acceptors": [{"expected": true, "matcher": "error", "state": "success"}]}
})";

class WaiterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    model_ = ServiceModel::FromJson("demo", J(R"({"metadata": {"protocol": "ec2"}})"), Json(),
                                    J(kWaiters))
                 .value();
  }
  const WaiterConfig& Waiter(const char* name) { return *model_->FindWaiter(name); }

  // A call that replays `attempts` in order.
  WaiterCall Replay(std::vector<WaiterAttempt> attempts) {
    return [this, attempts = std::move(attempts)](const Json&) -> Result<WaiterAttempt> {
      return attempts[std::min(calls_++, attempts.size() - 1)];
    };
  }
  static WaiterAttempt States(const char* a, const char* b) {
    WaiterAttempt attempt;
    attempt.output = J((std::string(R"({"Reservations": [{"Instances": [{"State": {"Name": ")") +
                        a + R"("}}, {"State": {"Name": ")" + b + R"("}}]}]})")
                           .c_str());
    return attempt;
  }
  static WaiterAttempt Error(const char* code, int status) {
    WaiterAttempt attempt;
    attempt.http_status = status;
    attempt.error_code = code;
    attempt.error_message = "it broke";
    return attempt;
  }

  std::unique_ptr<ServiceModel> model_;
  FakeClock clock_;
  size_t calls_ = 0;
};

TEST_F(WaiterTest, SucceedsWhenAllInstancesRun) {
  Status status = Wait(Waiter("InstanceRunning"), Json::object(),
                       Replay({Error("InvalidInstanceID.NotFound", 400),
                               States("pending", "running"), States("running", "running")}),
                       clock_);
  EXPECT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(calls_, 3u);
  EXPECT_EQ(clock_.total_slept(), std::chrono::seconds(30));  // two delays of 15 s
}

TEST_F(WaiterTest, FailureAcceptorSaysWhatMatched) {
  Status status = Wait(Waiter("InstanceRunning"), Json::object(),
                       Replay({States("pending", "terminated")}), clock_);
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(status.message(),
            "waiter InstanceRunning failed: Waiter encountered a terminal failure state: For "
            "expression \"Reservations[].Instances[].State.Name\" we matched expected path: "
            "\"terminated\" at least once");
}

TEST_F(WaiterTest, TimesOutAfterMaxAttemptsNamingTheLastMatch) {
  Status status = Wait(Waiter("InstanceRunning"), Json::object(),
                       Replay({Error("InvalidInstanceID.NotFound", 400)}), clock_);
  EXPECT_EQ(status.code(), StatusCode::kDeadlineExceeded);
  EXPECT_EQ(status.message(),
            "waiter InstanceRunning timed out after 4 attempts: Max attempts exceeded. "
            "Previously accepted state: Matched expected service error code: "
            "InvalidInstanceID.NotFound");
  EXPECT_EQ(calls_, 4u);
  EXPECT_EQ(clock_.total_slept(), std::chrono::seconds(45));
}

TEST_F(WaiterTest, UnexpectedErrorsEndTheWait) {
  Status status = Wait(Waiter("InstanceRunning"), Json::object(),
                       Replay({Error("UnauthorizedOperation", 403)}), clock_);
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(status.message(),
            "waiter InstanceRunning failed: An error occurred (UnauthorizedOperation): it broke");
}

TEST_F(WaiterTest, StatusAndPathMatchersAndOverrides) {
  WaiterAttempt not_found = Error("404", 404);
  WaiterAttempt ready;
  ready.http_status = 202;
  ready.output = J(R"({"Ready": true})");
  WaitOptions options;
  options.delay = std::chrono::seconds(1);
  options.max_attempts = 10;
  int seen = 0;
  options.on_attempt = [&](int attempt, const WaiterAttempt&) {
    seen = attempt;
    return Status::Ok();
  };
  // 404 matches no BucketExists acceptor but is an error: the wait ends.
  EXPECT_EQ(
      Wait(Waiter("BucketExists"), Json::object(), Replay({not_found}), clock_, options).code(),
      StatusCode::kFailedPrecondition);
  calls_ = 0;
  EXPECT_TRUE(Wait(Waiter("BucketExists"), Json::object(), Replay({ready}), clock_, options).ok());
  EXPECT_EQ(seen, 1);
  WaiterAttempt ok;
  calls_ = 0;
  EXPECT_TRUE(Wait(Waiter("BucketExists"), Json::object(), Replay({ok}), clock_).ok());
}

TEST_F(WaiterTest, ErrorTrueMatchesAnyErrorAndCallbacksCanStop) {
  EXPECT_TRUE(Wait(Waiter("DeletedQuietly"), Json::object(),
                   Replay({WaiterAttempt(), Error("Gone", 404)}), clock_)
                  .ok());
  WaitOptions options;
  options.on_attempt = [](int, const WaiterAttempt&) { return AbortedError("interrupted"); };
  calls_ = 0;
  EXPECT_EQ(
      Wait(Waiter("DeletedQuietly"), Json::object(), Replay({WaiterAttempt()}), clock_, options),
      AbortedError("interrupted"));
  WaiterCall broken = [](const Json&) -> Result<WaiterAttempt> {
    return UnauthenticatedError("expired credentials");
  };
  EXPECT_EQ(Wait(Waiter("DeletedQuietly"), Json::object(), broken, clock_),
            UnauthenticatedError("expired credentials"));
}

TEST_F(WaiterTest, ExplanationsUseBotocoresWords) {
  const WaiterConfig& waiter = Waiter("InstanceRunning");
  EXPECT_EQ(waiter.acceptors[0].Explanation(),
            "For expression \"Reservations[].Instances[].State.Name\" all members matched "
            "expected path: \"running\"");
  EXPECT_EQ(waiter.acceptors[3].Explanation(), "Matched expected HTTP status code: 404");
}

}  // namespace
}  // namespace vueops::model
