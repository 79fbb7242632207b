// Building Credentials in tests without spelling out every member.
#ifndef VUEOPS_AUTH_TESTING_TEST_CREDENTIALS_H_
#define VUEOPS_AUTH_TESTING_TEST_CREDENTIALS_H_

#include <string>

#include "auth/credentials.h"

namespace vueops::auth::testing {

inline Credentials MakeCredentials(std::string access_key_id, std::string secret_access_key,
                                   std::string session_token = "", std::string source = "") {
  Credentials credentials;
  credentials.access_key_id = std::move(access_key_id);
  credentials.secret_access_key = std::move(secret_access_key);
  credentials.session_token = std::move(session_token);
  credentials.source = std::move(source);
  return credentials;
}

}  // namespace vueops::auth::testing

#endif  // VUEOPS_AUTH_TESTING_TEST_CREDENTIALS_H_
