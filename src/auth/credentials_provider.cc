#include "auth/credentials_provider.h"

#include <chrono>

#include "auth/aws_time.h"
#include "base/json.h"

namespace vueops::auth {
namespace {

std::string DescribeAge(Clock::Duration age) {
  auto minutes = std::chrono::duration_cast<std::chrono::minutes>(age).count();
  if (minutes < 1) return "moments ago";
  if (minutes < 120) return std::to_string(minutes) + " minutes ago";
  return std::to_string(minutes / 60) + " hours ago";
}

}  // namespace

Status CheckNotExpired(const Credentials& credentials, Clock::TimePoint now) {
  if (!credentials.ExpiredAt(now)) return Status::Ok();
  return UnauthenticatedError(
      "the credentials from " +
      (credentials.source.empty() ? std::string("an unnamed source") : credentials.source) +
      " expired at " + FormatIso8601(*credentials.expiration) + " (" +
      DescribeAge(now - *credentials.expiration) + "); renew them at their source");
}

Result<Credentials> ParseCredentialsDocument(std::string_view text, std::string_view token_member,
                                             std::string_view what, bool require_expiration) {
  // Parsed without exceptions: nlohmann's messages quote the text near an error, and this
  // text holds a secret key.
  Json document = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.is_object()) {
    return UnavailableError(std::string(what) + " did not return a JSON object (" +
                            std::to_string(text.size()) + " bytes received)");
  }
  auto member = [&](std::string_view name) -> const std::string* {
    auto it = document.find(std::string(name));
    if (it == document.end() || !it->is_string()) return nullptr;
    return &it->get_ref<const std::string&>();
  };
  Credentials credentials;
  for (auto [name, target] :
       {std::pair<std::string_view, std::string*>{"AccessKeyId", &credentials.access_key_id},
        {"SecretAccessKey", &credentials.secret_access_key}}) {
    const std::string* value = member(name);
    if (value == nullptr || value->empty()) {
      return UnavailableError(std::string(what) + " returned no " + std::string(name));
    }
    *target = *value;
  }
  if (const std::string* token = member(token_member)) credentials.session_token = *token;
  const std::string* expiration = member("Expiration");
  if (expiration != nullptr && !expiration->empty()) {
    Result<Clock::TimePoint> time = ParseIso8601(*expiration);
    if (!time.ok()) {
      return UnavailableError(std::string(what) +
                              " returned an unreadable Expiration: " + time.status().message());
    }
    credentials.expiration = *time;
  } else if (require_expiration) {
    return UnavailableError(std::string(what) + " returned no Expiration");
  }
  return credentials;
}

}  // namespace vueops::auth
