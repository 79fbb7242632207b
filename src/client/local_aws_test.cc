#include "client/local_aws.h"

#include <dirent.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

#include "base/file.h"
#include "http/curl_transport.h"
#include "support/local_aws_fixture.h"

namespace vueops::client {
namespace {

using test_support::FakeMotoOptions;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// True once `pid` no longer runs: it does not exist, or it is a zombie waiting for init.
bool Gone(pid_t pid) {
  if (::kill(pid, 0) != 0 && errno == ESRCH) return true;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  size_t paren = text.rfind(") ");
  return paren == std::string::npos || text[paren + 2] == 'Z' || text[paren + 2] == 'X';
}

// Polls Gone(pid) for a while: a process told to exit (not by us) takes a moment.
bool BecomesGone(pid_t pid) {
  for (int i = 0; i < 500; ++i) {
    if (Gone(pid)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

// The processes whose environment holds FAKE_MOTO_TAG=`tag`: what a launch left running.
std::vector<pid_t> ProcessesTagged(const std::string& tag) {
  std::vector<pid_t> found;
  DIR* proc = ::opendir("/proc");
  if (proc == nullptr) return found;
  const std::string needle = "FAKE_MOTO_TAG=" + tag;
  while (dirent* entry = ::readdir(proc)) {
    pid_t pid = std::atoi(entry->d_name);
    if (pid <= 0 || Gone(pid)) continue;
    std::ifstream file(std::string("/proc/") + entry->d_name + "/environ");
    std::string environ((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    if (environ.find(needle + '\0') != std::string::npos) found.push_back(pid);
  }
  ::closedir(proc);
  return found;
}

std::string UniqueTag() {
  static std::atomic<int> counter{0};
  return std::to_string(::getpid()) + "-" + std::to_string(counter.fetch_add(1));
}

LocalAws::Options Fake(const std::string& mode, const std::string& tag = "") {
  LocalAws::Options options = FakeMotoOptions(mode);
  options.startup_timeout = std::chrono::seconds(20);
  options.stop_grace = std::chrono::seconds(2);
  if (!tag.empty()) options.environment["FAKE_MOTO_TAG"] = tag;
  return options;
}

Result<http::Response> Get(const std::string& url) {
  static http::CurlTransport* transport = new http::CurlTransport();
  http::Request request;
  request.url = url;
  return transport->Send(request, http::Options());
}

TEST(LocalAwsTest, StartsAnswersResetsAndStops) {
  Result<std::unique_ptr<LocalAws>> started = LocalAws::Start(Fake(""));
  ASSERT_TRUE(started.ok()) << started.status().ToString();
  LocalAws& local = **started;
  EXPECT_GT(local.port(), 0);
  EXPECT_EQ(local.endpoint_url(), "http://127.0.0.1:" + std::to_string(local.port()));
  EXPECT_TRUE(local.running());
  EXPECT_EQ(Get(local.endpoint_url() + "/moto-api/")->status, 200);

  ASSERT_TRUE(local.Reset().ok());
  ASSERT_TRUE(local.Reset().ok());
  EXPECT_EQ(Get(local.endpoint_url() + "/resets")->body, "2");
  EXPECT_THAT(local.OutputTail(), HasSubstr("Running on"));

  pid_t pid = local.pid();
  local.Stop();
  EXPECT_TRUE(Gone(pid));
  EXPECT_FALSE(local.running());
  local.Stop();  // idempotent
  EXPECT_FALSE(Get(local.endpoint_url() + "/moto-api/").ok());
}

TEST(LocalAwsTest, DestructionStopsTheServer) {
  Result<std::unique_ptr<LocalAws>> started = LocalAws::Start(Fake(""));
  ASSERT_TRUE(started.ok()) << started.status().ToString();
  pid_t pid = (*started)->pid();
  started.value().reset();
  EXPECT_TRUE(Gone(pid));
}

TEST(LocalAwsTest, EachServerGetsItsOwnPort) {
  Result<std::unique_ptr<LocalAws>> first = LocalAws::Start(Fake(""));
  Result<std::unique_ptr<LocalAws>> second = LocalAws::Start(Fake(""));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_NE((*first)->port(), (*second)->port());
  EXPECT_NE((*first)->pid(), (*second)->pid());
}

TEST(LocalAwsTest, KeepsALogWhenAsked) {
  char pattern[] = "/tmp/vueops_local_aws_test_XXXXXX";
  ASSERT_NE(::mkdtemp(pattern), nullptr);
  LocalAws::Options options = Fake("");
  options.log_path = JoinPath(pattern, "moto.log");
  {
    Result<std::unique_ptr<LocalAws>> started = LocalAws::Start(options);
    ASSERT_TRUE(started.ok()) << started.status().ToString();
  }
  Result<std::string> log = ReadFile(options.log_path);
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  EXPECT_THAT(*log, HasSubstr("Running on http://127.0.0.1:"));
  EXPECT_THAT(*log, HasSubstr("GET /moto-api/"));
}

TEST(LocalAwsTest, ADetachedServerOutlivesItsLauncherUntilStopped) {
  char pattern[] = "/tmp/vueops_local_aws_test_XXXXXX";
  ASSERT_NE(::mkdtemp(pattern), nullptr);
  LocalAws::Options options = Fake("");
  options.detached = true;
  options.log_path = JoinPath(pattern, "moto.log");
  pid_t pid = -1;
  std::string url;
  {
    Result<std::unique_ptr<LocalAws>> started = LocalAws::Start(options);
    ASSERT_TRUE(started.ok()) << started.status().ToString();
    pid = (*started)->pid();
    url = (*started)->endpoint_url();
    EXPECT_EQ(url, "http://127.0.0.1:" + std::to_string((*started)->port()));
  }
  // The LocalAws is gone; the server is not, and still answers.
  EXPECT_FALSE(Gone(pid));
  Result<http::Response> answer = Get(url + "/moto-api/");
  ASSERT_TRUE(answer.ok()) << answer.status().ToString();
  EXPECT_EQ(answer->status, 200);
  Result<std::string> log = ReadFile(options.log_path);
  ASSERT_TRUE(log.ok());
  EXPECT_THAT(*log, HasSubstr("Running on " + url));
  // The operator stops it by its pid, as `vueops up --local --keep` says.
  ASSERT_EQ(::kill(-pid, SIGTERM), 0);
  int status = 0;
  EXPECT_EQ(::waitpid(pid, &status, 0), pid);
}

TEST(LocalAwsTest, ADetachedServerNeedsALogFile) {
  LocalAws::Options options = Fake("");
  options.detached = true;
  Result<std::unique_ptr<LocalAws>> started = LocalAws::Start(options);
  ASSERT_FALSE(started.ok());
  EXPECT_THAT(started.status().message(), HasSubstr("log file"));
}

TEST(LocalAwsTest, MissingModuleSaysToBootstrap) {
  std::string tag = UniqueTag();
  LocalAws::Options options = Fake("", tag);
  options.server_module = "vueops_no_such_module.server";
  Result<std::unique_ptr<LocalAws>> started = LocalAws::Start(options);
  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(started.status().message(), HasSubstr("cannot import vueops_no_such_module"));
  EXPECT_THAT(started.status().message(), HasSubstr("No module named 'vueops_no_such_module'"));
  EXPECT_THAT(started.status().message(), HasSubstr("run scripts/bootstrap"));
  EXPECT_TRUE(ProcessesTagged(tag).empty());
}

TEST(LocalAwsTest, MissingPythonIsNotFound) {
  LocalAws::Options options = Fake("");
  options.python = "/nonexistent/python3";
  Result<std::unique_ptr<LocalAws>> started = LocalAws::Start(options);
  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(started.status().message(), StartsWith("cannot run /nonexistent/python3"));
}

TEST(LocalAwsTest, EarlyExitQuotesTheOutput) {
  std::string tag = UniqueTag();
  Result<std::unique_ptr<LocalAws>> started = LocalAws::Start(Fake("exit", tag));
  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.status().code(), StatusCode::kUnavailable);
  EXPECT_THAT(started.status().message(), HasSubstr("exited with status 1 before it was ready"));
  EXPECT_THAT(started.status().message(), HasSubstr("fake moto: configuration is broken"));
  EXPECT_TRUE(ProcessesTagged(tag).empty());
}

TEST(LocalAwsTest, SilentServerTimesOutAndIsStopped) {
  std::string tag = UniqueTag();
  LocalAws::Options options = Fake("silent", tag);
  options.startup_timeout = std::chrono::milliseconds(700);
  Result<std::unique_ptr<LocalAws>> started = LocalAws::Start(options);
  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.status().code(), StatusCode::kDeadlineExceeded);
  EXPECT_THAT(started.status().message(), HasSubstr("did not announce its port within 700 ms"));
  EXPECT_TRUE(ProcessesTagged(tag).empty());
}

TEST(LocalAwsTest, ServerThatNeverAnswersTimesOutAndIsStopped) {
  std::string tag = UniqueTag();
  LocalAws::Options options = Fake("never-ready", tag);
  options.startup_timeout = std::chrono::milliseconds(1500);
  Result<std::unique_ptr<LocalAws>> started = LocalAws::Start(options);
  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.status().code(), StatusCode::kDeadlineExceeded);
  EXPECT_THAT(started.status().message(), HasSubstr("did not answer GET /moto-api/"));
  EXPECT_THAT(started.status().message(), HasSubstr("HTTP 503"));
  EXPECT_TRUE(ProcessesTagged(tag).empty());
}

TEST(LocalAwsTest, ServerIgnoringSigtermIsKilledAfterTheGracePeriod) {
  LocalAws::Options options = Fake("stubborn");
  options.stop_grace = std::chrono::milliseconds(300);
  Result<std::unique_ptr<LocalAws>> started = LocalAws::Start(options);
  ASSERT_TRUE(started.ok()) << started.status().ToString();
  pid_t pid = (*started)->pid();
  auto begin = std::chrono::steady_clock::now();
  (*started)->Stop();
  EXPECT_GE(std::chrono::steady_clock::now() - begin, std::chrono::milliseconds(300));
  EXPECT_TRUE(Gone(pid));
}

TEST(LocalAwsTest, ProcessesTheServerStartedAreStoppedWithIt) {
  Result<std::unique_ptr<LocalAws>> started = LocalAws::Start(Fake("grandchild"));
  ASSERT_TRUE(started.ok()) << started.status().ToString();
  std::string output = (*started)->OutputTail();
  size_t at = output.find("grandchild pid ");
  ASSERT_NE(at, std::string::npos) << output;
  pid_t grandchild = std::atoi(output.c_str() + at + 15);
  ASSERT_GT(grandchild, 0);
  EXPECT_FALSE(Gone(grandchild));
  (*started)->Stop();
  // It ignores SIGTERM: only the SIGKILL to the process group ends it.
  EXPECT_TRUE(BecomesGone(grandchild));
}

TEST(LocalAwsTest, ServerExitsWhenItsOwnerDiesWithoutStoppingIt) {
  int report[2];
  ASSERT_EQ(::pipe(report), 0);
  pid_t owner = ::fork();
  ASSERT_GE(owner, 0);
  if (owner == 0) {
    // The owner: start a server, say its pid, and die as a crash would, running no destructor.
    ::close(report[0]);
    Result<std::unique_ptr<LocalAws>> started = LocalAws::Start(Fake(""));
    pid_t pid = started.ok() ? (*started)->pid() : -1;
    (void)!::write(report[1], &pid, sizeof(pid));
    ::_exit(started.ok() ? 0 : 1);
  }
  ::close(report[1]);
  pid_t server = -1;
  ASSERT_EQ(::read(report[0], &server, sizeof(server)), static_cast<ssize_t>(sizeof(server)));
  ::close(report[0]);
  int status = 0;
  ASSERT_EQ(::waitpid(owner, &status, 0), owner);
  ASSERT_GT(server, 0) << "the owner could not start the server";
  EXPECT_TRUE(BecomesGone(server)) << "the server outlived its owner";
  if (!Gone(server)) ::kill(server, SIGKILL);
}

// The real moto: only in the "moto" ctest entry.
TEST(LocalAwsMotoTest, RunsMotoAndResetsIt) {
  Result<std::unique_ptr<LocalAws>> started = LocalAws::Start();
  if (started.status().code() == StatusCode::kNotFound) {
    GTEST_SKIP() << started.status().message();
  }
  ASSERT_TRUE(started.ok()) << started.status().ToString();
  LocalAws& moto = **started;
  http::CurlTransport transport;
  http::Request create;
  create.method = "PUT";
  create.url = moto.endpoint_url() + "/vueops-local-aws-test";
  Result<http::Response> created = transport.Send(create, http::Options());
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->status, 200) << created->body;
  EXPECT_THAT(Get(moto.endpoint_url() + "/")->body, HasSubstr("vueops-local-aws-test"));

  ASSERT_TRUE(moto.Reset().ok());
  EXPECT_THAT(Get(moto.endpoint_url() + "/")->body,
              ::testing::Not(HasSubstr("vueops-local-aws-test")));
  pid_t pid = moto.pid();
  moto.Stop();
  EXPECT_TRUE(Gone(pid));
}

// Two tests of the shared fixture: whichever runs second sees the first one's bucket gone,
// and both see the same server.
class LocalAwsFixtureMotoTest : public test_support::MotoTest {
 protected:
  void ExpectEmptyThenCreate() {
    static int first_port = 0;
    if (first_port == 0) first_port = local_aws().port();
    EXPECT_EQ(local_aws().port(), first_port);
    EXPECT_THAT(Get(endpoint_url() + "/")->body, HasSubstr("<Buckets/>"));
    http::CurlTransport transport;
    http::Request create;
    create.method = "PUT";
    create.url = endpoint_url() + "/fixture-bucket";
    ASSERT_EQ(transport.Send(create, http::Options())->status, 200);
    EXPECT_THAT(Get(endpoint_url() + "/")->body, HasSubstr("fixture-bucket"));
  }
};

TEST_F(LocalAwsFixtureMotoTest, StartsEmpty) { ExpectEmptyThenCreate(); }
TEST_F(LocalAwsFixtureMotoTest, IsResetBetweenTests) { ExpectEmptyThenCreate(); }

}  // namespace
}  // namespace vueops::client
