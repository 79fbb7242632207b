// iam_login_profile: a human user's console password (notes: "Access notes": "Human IAM users
// use passwords to log into AWS").
//
// Attributes:
//   user                     string  replace  the user's name
//   password_reset_required  bool     create   the user must choose a new password at first
//                                              sign-in (true). Set once: IAM clears it when
//                                              the user does, which is not drift
//   secret_region            string  create   where the first password is kept ("" for the
//                                              client's region)
// Outputs: id (the user's name), secret_arn.
//
// The first password is made by Secrets Manager (GetRandomPassword), long enough for the
// account's password policy, and stored in the secret vueops/initial-password/<user> in the
// user's account before IAM is given it: it is never printed and never in state.
#include <algorithm>

#include "resources/iam_entities.h"
#include "resources/resource_calls.h"
#include "resources/stored_secret.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"user", UpdateMode::kReplace},
    {"password_reset_required", UpdateMode::kCreateOnly},
    {"secret_region", UpdateMode::kCreateOnly},
};

constexpr std::string_view kSecretPrefix = "vueops/initial-password/";
// Long and of every character class, which passes any IAM password policy up to this length
// (IAM User Guide, "Setting an account password policy": MinimumPasswordLength 6-128).
constexpr int kPasswordLength = 32;
// Characters left out of generated passwords: quotes and the backslash trip up copying the
// password out of the secret into a sign-in form or a shell.
constexpr std::string_view kExcludedCharacters = "\"'`\\";

SecretLocation SecretOf(const std::string& user, const std::string& region) {
  return {std::string(kSecretPrefix) + user, region};
}

// A password that satisfies the account's policy: at least its minimum length, with every
// character class.
Result<std::string> NewPassword(ResourceContext& context) {
  int length = kPasswordLength;
  // NoSuchEntity: the account has no password policy.
  ASSIGN_OR_RETURN(Json policy, CallUnlessDone(context, "iam", "GetAccountPasswordPolicy",
                                               Json::object(), {kNoSuchEntity}));
  if (policy.contains("PasswordPolicy")) {
    length = std::max(length, policy["PasswordPolicy"].value("MinimumPasswordLength", 0));
  }
  ASSIGN_OR_RETURN(Json generated, context.Call("secretsmanager", "GetRandomPassword",
                                                {{"PasswordLength", length},
                                                 {"ExcludeCharacters", kExcludedCharacters},
                                                 {"RequireEachIncludedType", true}}));
  return generated.value("RandomPassword", "");
}

class IamLoginProfileType : public ResourceType {
 public:
  std::string_view name() const override { return "iam_login_profile"; }
  std::string_view service() const override { return "iam"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }
  bool global() const override { return true; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    ASSIGN_OR_RETURN(Json profile,
                     context.CallOrNotFound("iam", "GetLoginProfile", {{"UserName", record.id}},
                                            {kNoSuchEntity}));
    return Json{{"user", profile["LoginProfile"].value("UserName", "")}};
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string&) const override {
    std::string user = desired.value("user", "");
    SecretLocation secret = SecretOf(user, desired.value("secret_region", ""));
    // A secret region may differ from the client's: GetRandomPassword runs where IAM's client
    // does, which any region can answer.
    ASSIGN_OR_RETURN(std::string password, NewPassword(context));
    // Kept before IAM has it: a password IAM took but nobody kept would lock the user out.
    ASSIGN_OR_RETURN(std::string secret_arn,
                     StoreSecret(context, secret, {{"username", user}, {"password", password}}));
    client::CallInfo info;
    Result<Json> created =
        context.Call("iam", "CreateLoginProfile",
                     {{"UserName", user},
                      {"Password", password},
                      {"PasswordResetRequired", desired.value("password_reset_required", true)}},
                     &info);
    if (!created.ok()) {
      if (info.error && info.error->code == kEntityAlreadyExists) {
        // Resetting a password someone may be using is not a create's business.
        return AlreadyExistsError(context.address() + ": user " + user +
                                  " has a console password already; adopt it with "
                                  "`vueops import`");
      }
      return created.status();
    }
    return Created{user, {{"id", user}, {"secret_arn", secret_arn}}, {{"user", user}}};
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    RETURN_IF_ERROR(CallIgnoring(context, "iam", "DeleteLoginProfile", {{"UserName", record.id}},
                                 {kNoSuchEntity}));
    return DeleteOwnedSecret(context,
                             SecretOf(record.id, record.attributes.value("secret_region", "")));
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    std::string user = desired.value("user", "");
    Result<Json> profile =
        context.CallOrNotFound("iam", "GetLoginProfile", {{"UserName", user}}, {kNoSuchEntity});
    if (!profile.ok()) {
      if (profile.status().code() == StatusCode::kNotFound) return std::optional<Found>();
      return profile.status();
    }
    return std::optional<Found>(Found{user, {{"id", user}}, {{"user", user}}});
  }
};

}  // namespace

const ResourceType& IamLoginProfile() {
  static const IamLoginProfileType* type = new IamLoginProfileType();
  return *type;
}

}  // namespace vueops::resources
