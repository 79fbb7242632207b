// The ssh argv: key, options, the entry host's ProxyCommand, destination, extra arguments.
#include "ops/ssh_command_line.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace vueops::ops {
namespace {

using ::testing::ElementsAre;

SshTarget Direct() {
  SshTarget target;
  target.server = {"ubuntu", "54.1.2.3", "/keys/acme-prod.pem"};
  target.host_key_alias = "i-0123";
  return target;
}

TEST(SshArgvTest, DirectToThePublicAddress) {
  EXPECT_THAT(SshArgv(Direct()),
              ElementsAre("ssh", "-i", "/keys/acme-prod.pem", "-o", "IdentitiesOnly=yes", "-o",
                          "ForwardAgent=no", "-o", "HostKeyAlias=i-0123", "ubuntu@54.1.2.3"));
}

TEST(SshArgvTest, ThroughTheEntryHostWithItsOwnKey) {
  SshTarget target = Direct();
  target.server.host = "10.0.0.5";
  target.entry = SshHop{"jump", "ssh.acme.example", "/keys/acme-entry.pem"};
  target.extra_args = {"-L", "8000:localhost:80", "uptime"};
  EXPECT_THAT(SshArgv(target),
              ElementsAre("ssh", "-i", "/keys/acme-prod.pem", "-o", "IdentitiesOnly=yes", "-o",
                          "ForwardAgent=no", "-o", "HostKeyAlias=i-0123", "-o",
                          "ProxyCommand='ssh' -i '/keys/acme-entry.pem' -o IdentitiesOnly=yes "
                          "-o ForwardAgent=no -W %h:%p 'jump@ssh.acme.example'",
                          "ubuntu@10.0.0.5", "-L", "8000:localhost:80", "uptime"));
}

TEST(SshArgvTest, AProxyCommandPathIsQuotedForTheShellAndForSshsPercentTokens) {
  SshTarget target = Direct();
  target.entry = SshHop{"jump", "entry", "/my keys/100%/it's.pem"};
  std::vector<std::string> argv = SshArgv(target);
  EXPECT_EQ(argv[10],
            "ProxyCommand='ssh' -i '/my keys/100%%/it'\\''s.pem' -o IdentitiesOnly=yes -o "
            "ForwardAgent=no -W %h:%p 'jump@entry'");
}

TEST(CommandLineTextTest, QuotesOnlyWhatNeedsIt) {
  EXPECT_EQ(CommandLineText({"ssh", "-i", "/a b/k.pem", "ubuntu@10.0.0.5", "echo $HOME"}),
            "ssh -i '/a b/k.pem' ubuntu@10.0.0.5 'echo $HOME'");
}

}  // namespace
}  // namespace vueops::ops
