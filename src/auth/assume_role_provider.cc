#include "auth/assume_role_provider.h"

#include <chrono>
#include <string_view>

#include "auth/refreshing_credentials.h"

namespace vueops::auth {
namespace {

constexpr std::string_view kDefaultSessionNamePrefix = "vueops-";

}  // namespace

std::string AssumeRoleProvider::name() const {
  return "role " + settings_.params.role_arn + " of profile " + settings_.profile;
}

void AssumeRoleProvider::ClampForRoleChaining(AssumeRoleParams& params) const {
  if (!params.duration || *params.duration <= kRoleChainingMaxDuration) return;
  if (notes_) {
    notes_("profile " + settings_.profile + ": duration_seconds " +
           std::to_string(params.duration->count()) + " is more than the " +
           std::to_string(kRoleChainingMaxDuration.count()) +
           " seconds AWS allows when a role is assumed with another role's credentials (role "
           "chaining, here from " +
           settings_.source_description + "); using " +
           std::to_string(kRoleChainingMaxDuration.count()));
  }
  params.duration = kRoleChainingMaxDuration;
}

Result<std::optional<Credentials>> AssumeRoleProvider::Provide() {
  const std::string context =
      "assume " + settings_.params.role_arn + " for profile " + settings_.profile;
  AssumeRoleParams params = settings_.params;
  if (settings_.source_is_role_session) ClampForRoleChaining(params);

  std::string cache_key;
  if (cache_ != nullptr) {
    cache_key = RoleCredentialsCache::Key(params, settings_.source_description);
    Result<std::optional<Credentials>> cached = cache_->Load(cache_key, kAdvisoryRefreshWindow);
    if (!cached.ok()) return cached.status().WithContext(context);
    if (cached->has_value()) return cached;
  }

  Result<std::optional<Credentials>> source = source_->Provide();
  if (!source.ok()) return source.status().WithContext(context);
  if (!source->has_value()) {
    return UnauthenticatedError(context + ": no source credentials in " + source_->name());
  }
  // A source that turns out to be a role session (known only now) is clamped too.
  if ((*source)->role_session) ClampForRoleChaining(params);
  // STS requires a session name; like botocore's "botocore-session-<time>", one is made up
  // when the profile sets none (after the cache key, which must not change every second).
  if (params.role_session_name.empty()) {
    params.role_session_name = std::string(kDefaultSessionNamePrefix) +
                               std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                                  clock_.Now().time_since_epoch())
                                                  .count());
  }

  if (!params.mfa_serial.empty()) {
    if (prompter_ == nullptr) {
      return FailedPreconditionError(context + ": the role needs a code from MFA device " +
                                     params.mfa_serial + " and no one can be asked for it here");
    }
    Result<std::string> code = prompter_->PromptForCode(settings_.profile, params.mfa_serial);
    if (!code.ok()) return code.status().WithContext(context);
    RETURN_IF_ERROR(CheckMfaCode(*code).WithContext(context));
    params.mfa_token_code = std::move(*code);
  }
  if (assumer_ == nullptr) {
    return FailedPreconditionError(context + ": no STS client is available to assume roles");
  }
  Result<Credentials> assumed = assumer_->AssumeRole(**source, params);
  if (!assumed.ok()) return assumed.status().WithContext(context);
  assumed->role_session = true;
  assumed->source =
      "role " + params.role_arn + " (profile " + settings_.profile + ") via " + (*source)->source;
  RETURN_IF_ERROR(CheckNotExpired(*assumed, clock_.Now()).WithContext(context));

  if (cache_ != nullptr && assumed->expiration) {
    Status stored = cache_->Store(cache_key, *assumed);
    if (!stored.ok() && notes_) {
      notes_("could not cache the credentials of " + params.role_arn + ": " + stored.message());
    }
  }
  return std::optional<Credentials>(std::move(*assumed));
}

}  // namespace vueops::auth
