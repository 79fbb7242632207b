// AWS credentials as the signer and the providers exchange them.
#ifndef VUEOPS_AUTH_CREDENTIALS_H_
#define VUEOPS_AUTH_CREDENTIALS_H_

#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"

namespace vueops::auth {

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;  // never printed, logged or stored in state
  std::string session_token;      // empty for long-term keys
  // When temporary credentials stop working; empty for long-term keys.
  std::optional<Clock::TimePoint> expiration;
  // Which provider produced them ("environment", "profile vueops-admin", "assume-role
  // arn:aws:iam::...:role/VueAdmin via profile ops", ...), for `vueops whoami`.
  std::string source;

  // True for the credentials of an IAM role session (AssumeRole, an EC2 instance profile, an
  // ECS task role). Assuming a role with them is "role chaining", which AWS caps at one hour.
  bool role_session = false;

  bool temporary() const { return !session_token.empty(); }
  // True once `now` has reached the expiration; long-term keys never expire.
  bool ExpiredAt(Clock::TimePoint now) const { return expiration && *expiration <= now; }

  // "AKIA...MPLE (temporary, expires 2024-05-01T12:00:00Z) from profile ops": for logs,
  // error messages and `vueops whoami`. Never contains the secret key or the session token,
  // and shows only the ends of the key id.
  std::string Describe() const;
};

// `text` with every occurrence of the credentials' secret access key and session token
// replaced by "<redacted>", for text that may have picked them up (a signed canonical
// request, a subprocess's output quoted in an error).
std::string RedactSecrets(std::string_view text, const Credentials& credentials);

}  // namespace vueops::auth

#endif  // VUEOPS_AUTH_CREDENTIALS_H_
