// credential_process: a profile names a program whose standard output is a JSON document
// with the credentials (AWS CLI User Guide, "Sourcing credentials with an external
// process"):
//   {"Version": 1, "AccessKeyId": "...", "SecretAccessKey": "...",
//    "SessionToken": "...", "Expiration": "2024-05-01T12:00:00Z"}
// SessionToken and Expiration are optional. The program's standard error and standard input
// stay the terminal's, so it can print progress or ask the user something.
#ifndef VUEOPS_AUTH_CREDENTIAL_PROCESS_H_
#define VUEOPS_AUTH_CREDENTIAL_PROCESS_H_

#include <string>
#include <string_view>
#include <vector>

#include "auth/credentials_provider.h"

namespace vueops::auth {

// Splits a command line into words as a POSIX shell would (whitespace separates; single
// quotes are literal; double quotes allow \" \\ \$ \`; a backslash outside quotes escapes
// the next character) without running a shell, as the AWS CLI does. Fails on an unterminated
// quote or an empty command.
Result<std::vector<std::string>> SplitCommandLine(std::string_view command);

class ProcessCredentialsProvider : public CredentialsProvider {
 public:
  // `profile` names the profile holding the command, for messages.
  ProcessCredentialsProvider(std::string command, std::string profile, Clock& clock)
      : command_(std::move(command)), profile_(std::move(profile)), clock_(clock) {}

  // Runs the command and reads its output. A program that cannot start, exits non-zero,
  // prints something other than a version 1 document, or returns expired credentials is an
  // error naming the profile and the program (never its arguments, which may hold secrets,
  // nor its output).
  Result<std::optional<Credentials>> Provide() override;
  std::string name() const override { return "credential_process of profile " + profile_; }

 private:
  std::string command_;
  std::string profile_;
  Clock& clock_;
};

}  // namespace vueops::auth

#endif  // VUEOPS_AUTH_CREDENTIAL_PROCESS_H_
