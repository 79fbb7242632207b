// The access the notes intend ("Accounts and IAM": the roles users can assume), as a table by
// role and account kind, and the comparison of a computed matrix against it: every
// difference, with the statements that caused it, is what `vueops access matrix` reports as an
// error.
#ifndef VUEOPS_IAM_ACCESS_INTENT_H_
#define VUEOPS_IAM_ACCESS_INTENT_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "iam/access_matrix.h"

namespace vueops::iam {

// What a role should allow in accounts of one kind.
struct KindIntent {
  std::string_view kind;  // spec::AccountKindName
  Verdict assume = Verdict::kDenied;
  Verdict read = Verdict::kDenied;
  Verdict write = Verdict::kDenied;
  Verdict admin = Verdict::kDenied;
  // The role need not exist there ("where made available"); when it does, it must allow the
  // above.
  bool optional = false;

  Verdict For(ActionClass action_class) const;
};

struct RoleIntent {
  std::string_view role;
  std::string_view notes;  // the notes' words
  // The kind of account whose groups may assume the role: "identity" (the same-named group in
  // vueusers) or "root" (VueOrg: "managed by the vueorg root account"). Groups in other
  // accounts must not be able to.
  std::string_view trusted_kind = "identity";
  // Kinds not listed: the role must not exist there.
  std::vector<KindIntent> kinds;
};

// The Vueocity notes' matrix (access_intent.cc quotes the notes line by line).
std::span<const RoleIntent> VueocityAccessIntent();

struct AccessDifference {
  std::string role;
  std::string account;
  // "assume", "read", "write", "admin", "assume via OrgAdmin@vueorg", or "exists" when the
  // role is where the notes do not put it or missing where they do.
  std::string action_class;
  std::string expected;
  std::string computed;
  // What made it: one line per representative action that went the other way, with the
  // statements the evaluator named; or the spec's grant.
  std::vector<std::string> causes;

  Json ToJson() const;
};

// Every way `matrix` differs from `intent`. Roles of the matrix with no intent are not
// compared (the caller says so); intents of roles the matrix lacks compare as "no role".
std::vector<AccessDifference> CompareWithIntent(const AccessMatrix& matrix,
                                                const AccessDocuments& documents,
                                                std::span<const RoleIntent> intent);

// The roles of `matrix` that `intent` says nothing about.
std::vector<std::string> RolesWithoutIntent(const AccessMatrix& matrix,
                                            std::span<const RoleIntent> intent);

}  // namespace vueops::iam

#endif  // VUEOPS_IAM_ACCESS_INTENT_H_
