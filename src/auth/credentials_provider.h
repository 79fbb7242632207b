// The interface every credential source implements, and helpers they share.
#ifndef VUEOPS_AUTH_CREDENTIALS_PROVIDER_H_
#define VUEOPS_AUTH_CREDENTIALS_PROVIDER_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "auth/credentials.h"
#include "base/clock.h"
#include "base/status.h"

namespace vueops::auth {

// Where providers report what the user should know that is not an error: a duration clamped
// to the role-chaining limit, a corrupt cache file replaced, a refresh that failed while the
// current credentials still work. Notes never contain secrets. May be empty (notes dropped).
using NoteSink = std::function<void(std::string_view note)>;

class CredentialsProvider {
 public:
  virtual ~CredentialsProvider() = default;

  // Credentials from this source, fresh from it (callers cache; see RefreshingCredentials).
  // std::nullopt when the source is not configured at all (no such variables, no container,
  // not on EC2), so that a chain moves on. An error when it is configured but fails: a chain
  // stops there, because a broken credential_process must not silently fall through to some
  // other identity. Expired credentials are an error naming the source.
  virtual Result<std::optional<Credentials>> Provide() = 0;

  // Where the provider looks, for "no credentials found" messages: "environment variables
  // AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY", "profile ops in ~/.aws/config"...
  virtual std::string name() const = 0;
};

// Always the same credentials (tests, keys given on the command line).
class StaticCredentialsProvider : public CredentialsProvider {
 public:
  explicit StaticCredentialsProvider(Credentials credentials)
      : credentials_(std::move(credentials)) {}
  Result<std::optional<Credentials>> Provide() override { return {credentials_}; }
  std::string name() const override { return credentials_.source; }

 private:
  Credentials credentials_;
};

// kUnauthenticated "the credentials from <source> expired at <time>" when they have expired
// at `now`; OK otherwise.
Status CheckNotExpired(const Credentials& credentials, Clock::TimePoint now);

// Reads a JSON credentials document as container endpoints, IMDS and credential_process
// write them: AccessKeyId, SecretAccessKey, `token_member` ("Token" or "SessionToken"),
// Expiration (ISO 8601). Missing keys and malformed JSON are kUnavailable errors that name
// `what` (e.g. "the container credentials endpoint") and never quote the document, which
// holds secrets. Token and Expiration are optional unless `require_expiration`.
Result<Credentials> ParseCredentialsDocument(std::string_view text, std::string_view token_member,
                                             std::string_view what, bool require_expiration);

}  // namespace vueops::auth

#endif  // VUEOPS_AUTH_CREDENTIALS_PROVIDER_H_
