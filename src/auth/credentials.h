// AWS credentials as the signer and the providers exchange them.
#ifndef VUEOPS_AUTH_CREDENTIALS_H_
#define VUEOPS_AUTH_CREDENTIALS_H_

#include <optional>
#include <string>

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

  bool temporary() const { return !session_token.empty(); }
};

}  // namespace vueops::auth

#endif  // VUEOPS_AUTH_CREDENTIALS_H_
