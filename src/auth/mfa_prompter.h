// Asking the user for an MFA code when a profile's role needs one (mfa_serial).
#ifndef VUEOPS_AUTH_MFA_PROMPTER_H_
#define VUEOPS_AUTH_MFA_PROMPTER_H_

#include <string>
#include <string_view>

#include "base/status.h"

namespace vueops::auth {

class MfaPrompter {
 public:
  virtual ~MfaPrompter() = default;
  // The current code of the MFA device `mfa_serial`, needed to assume a role for profile
  // `profile`. The code is a secret: callers never log it or put it in a message.
  virtual Result<std::string> PromptForCode(std::string_view profile,
                                            std::string_view mfa_serial) = 0;
};

// Reads the code from the controlling terminal (/dev/tty) with echo off, so it works while
// standard input and output are redirected, and says which profile and device it asks for.
// Fails with kFailedPrecondition when there is no terminal (cron, CI).
class TerminalMfaPrompter : public MfaPrompter {
 public:
  Result<std::string> PromptForCode(std::string_view profile, std::string_view mfa_serial) override;
};

// OK for a code AWS can accept: six digits (IAM User Guide, "Using MFA devices"; the STS
// TokenCode pattern is [\d]*, 6 characters). The message never repeats the code.
Status CheckMfaCode(std::string_view code);

}  // namespace vueops::auth

#endif  // VUEOPS_AUTH_MFA_PROMPTER_H_
