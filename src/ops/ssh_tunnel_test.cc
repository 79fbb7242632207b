#include "ops/ssh_tunnel.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace vueops::ops {
namespace {

using ::testing::ElementsAre;

TEST(SshTunnelArgumentsTest, ForwardsALoopbackPortOnlyWithTheGivenKey) {
  SshTunnelSpec spec;
  spec.host = "ssh.example.com";
  spec.user = "ubuntu";
  spec.key_file = "/keys/entry.pem";
  spec.local_port = 40000;
  spec.remote_host = "db.abc.us-west-2.rds.amazonaws.com";
  spec.remote_port = 3306;
  EXPECT_THAT(SshTunnelArguments(spec),
              ElementsAre("ssh", "-N", "-o", "ExitOnForwardFailure=yes", "-o", "IdentitiesOnly=yes",
                          "-o", "StrictHostKeyChecking=accept-new", "-i", "/keys/entry.pem", "-L",
                          "127.0.0.1:40000:db.abc.us-west-2.rds.amazonaws.com:3306",
                          "ubuntu@ssh.example.com"));
}

TEST(FreeLoopbackPortTest, GivesAPort) {
  Result<int> port = FreeLoopbackPort();
  ASSERT_TRUE(port.ok());
  EXPECT_GT(*port, 0);
}

TEST(RunInForegroundTest, ReturnsTheExitCodeAndSaysWhenAProgramIsMissing) {
  Result<int> code = RunInForeground({"sh", "-c", "exit 3"});
  ASSERT_TRUE(code.ok());
  EXPECT_EQ(*code, 3);
  EXPECT_FALSE(RunInForeground({"vueops-no-such-program"}).ok());
}

TEST(ChildProcessTest, WaitGivesTheExitCode) {
  Result<ChildProcess> child = ChildProcess::Start({"sh", "-c", "exit 7"});
  ASSERT_TRUE(child.ok());
  EXPECT_EQ(child->Wait(), 7);
}

}  // namespace
}  // namespace vueops::ops
