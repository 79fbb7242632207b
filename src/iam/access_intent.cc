#include "iam/access_intent.h"

#include <algorithm>

namespace vueops::iam {
namespace {

constexpr Verdict kAllowed = Verdict::kAllowed;
constexpr Verdict kPartial = Verdict::kPartial;
constexpr Verdict kDenied = Verdict::kDenied;

// Full rights: assume, read, write, admin.
constexpr KindIntent Admin(std::string_view kind, bool optional = false) {
  return {kind, kAllowed, kAllowed, kAllowed, kAllowed, optional};
}
// Assume and read, nothing else.
constexpr KindIntent ReadOnly(std::string_view kind, bool optional = false) {
  return {kind, kAllowed, kAllowed, kDenied, kDenied, optional};
}

// The notes, "Accounts and IAM":
//
//   vueorg - root org, only root users                                     (kind root)
//   vueusers - Holds IAM users, groups, and policies for assuming roles    (kind identity)
//   vueback - Used for backups, has its own special user                   (kind backup)
//   vueops - Tool state shared across accounts, SSH entry                  (kind tools)
//   vueprod - Production environment                                      (kind production)
//   vuedev, vuetest, vuexxx - dev sandboxes                                (kind sandbox)
//
//   "all access is through IAM roles assumed by IAM users in the vueusers account."
//   "The vueusers account defines IAM groups with the same names as the roles."
const std::vector<RoleIntent>& Table() {
  static const std::vector<RoleIntent> table = {
      // "VueAdmin - Full admin access for most accounts". "Most" leaves out the root account
      // ("only root users") and vueusers, which VueOrg sets up ("used to setup vueusers").
      {.role = "VueAdmin",
       .notes = "Full admin access for most accounts",
       .kinds = {Admin("backup"), Admin("tools"), Admin("production"), Admin("sandbox")}},
      // "VueProd - Necessary permissions for deployment": on production only; it reads what it
      // deploys to, writes some things (objects, autoscaling groups) but not all (it launches
      // no instances of its own: the autoscaling groups do), and administers nothing.
      {.role = "VueProd",
       .notes = "Necessary permissions for deployment",
       .kinds = {{"production", kAllowed, kAllowed, kPartial, kDenied}}},
      // "VueDev - Full admin on dev accounts, read-only on production". The dev accounts are
      // the sandboxes ("vuedev, vuetest, vuexxx - dev sandboxes"); nothing elsewhere.
      {.role = "VueDev",
       .notes = "Full admin on dev accounts, read-only on production",
       .kinds = {Admin("sandbox"), ReadOnly("production")}},
      // "VueRead - Read-only for all accounts where made available": read-only wherever it
      // exists; an account may leave it out.
      {.role = "VueRead",
       .notes = "Read-only for all accounts where made available",
       .kinds = {ReadOnly("root", true), ReadOnly("identity", true), ReadOnly("backup", true),
                 ReadOnly("tools", true), ReadOnly("production", true), ReadOnly("sandbox", true)}},
      // "VueOrg - Role managed by the vueorg root account, used to setup vueusers and any
      // issues in accounts that VueAdmin doesn't have rights to." and "It has a OrgAdmin group
      // that has access to all accounts, but should only be used for root admin issues.":
      // full rights in every account, assumed from a group of the root account only. In the
      // root account itself the role is optional (its users are there already).
      {.role = "VueOrg",
       .notes = "Role managed by the vueorg root account, used to setup vueusers and any issues "
                "in accounts that VueAdmin doesn't have rights to",
       .trusted_kind = "root",
       .kinds = {Admin("root", true), Admin("identity"), Admin("backup"), Admin("tools"),
                 Admin("production"), Admin("sandbox")}},
  };
  return table;
}

int Rank(Verdict verdict) {
  switch (verdict) {
    case Verdict::kAllowed: return 2;
    case Verdict::kPartial: return 1;
    default: return 0;
  }
}

// "identity-based policy "VueDev@vueprod/deploy" Statement[0] (Sid "X")", joined. An SCP's
// Allow only lets a grant through (FullAWSAccess at every level); it causes nothing, so it is
// left out.
std::string StatementsText(const Evaluation& evaluation) {
  std::string text;
  for (const StatementRef& statement : evaluation.statements) {
    if (statement.kind == PolicyKind::kServiceControl && statement.effect == Effect::kAllow) {
      continue;
    }
    text += text.empty() ? "" : "; ";
    text += std::string(PolicyKindName(statement.kind)) + " \"" + statement.policy + "\"";
    if (!statement.level.empty()) text += " at " + statement.level;
    text += " Statement[" + std::to_string(statement.index) + "]";
    if (!statement.sid.empty()) text += " (Sid \"" + statement.sid + "\")";
  }
  return text;
}

// One line per outcome that went the other way from `expected`.
std::vector<std::string> Causes(const MatrixCell& cell, Verdict expected) {
  std::vector<std::string> causes;
  if (!cell.note.empty()) causes.push_back(cell.note);
  bool too_much = Rank(cell.verdict) > Rank(expected);
  for (const ActionOutcome& outcome : cell.outcomes) {
    const Evaluation& evaluation = outcome.evaluation;
    if (evaluation.allowed() != too_much) continue;
    std::string line = outcome.action + " on " + outcome.resource + ": ";
    if (evaluation.allowed()) {
      line += "allowed by " + StatementsText(evaluation);
    } else {
      line += std::string(DecisionName(evaluation.decision)) + " at " +
              std::string(EvaluationStepName(evaluation.step)) + ": " + evaluation.reason;
      if (!evaluation.statements.empty()) line += " (" + StatementsText(evaluation) + ")";
    }
    causes.push_back(std::move(line));
  }
  return causes;
}

class IntentComparison {
 public:
  IntentComparison(const AccessMatrix& matrix, const AccessDocuments& documents)
      : matrix_(matrix), documents_(documents) {}

  void Role(const RoleIntent& intent) {
    for (const AccessAccount& account : documents_.accounts) {
      const KindIntent* kind = nullptr;
      for (const KindIntent& candidate : intent.kinds) {
        if (candidate.kind == account.kind) kind = &candidate;
      }
      const AccessRole* role = documents_.FindRole(intent.role, account.name);
      if (role == nullptr) {
        if (kind != nullptr && !kind->optional) {
          Add(intent.role, account.name, "exists", "present", "—",
              {"no grant of " + std::string(intent.role) + " reaches " + account.name +
               " (an account of kind " + account.kind + ")"});
        }
        continue;
      }
      if (kind == nullptr) {
        Add(intent.role, account.name, "exists", "—", "present",
            {"granted at " + (role->source.empty() ? std::string("(unknown)") : role->source) +
             "; the notes give " + std::string(intent.role) + " no access to accounts of kind " +
             account.kind});
        continue;
      }
      Assume(intent, *kind, account);
      for (ActionClass action_class :
           {ActionClass::kRead, ActionClass::kWrite, ActionClass::kAdmin}) {
        Cell(matrix_.Find(intent.role, account.name, action_class), kind->For(action_class),
             std::string(ActionClassName(action_class)));
      }
    }
  }

  std::vector<AccessDifference> Take() { return std::move(differences_); }

 private:
  void Add(std::string_view role, const std::string& account, std::string action_class,
           std::string expected, std::string computed, std::vector<std::string> causes) {
    differences_.push_back({std::string(role), account, std::move(action_class),
                            std::move(expected), std::move(computed), std::move(causes)});
  }

  void Cell(const MatrixCell* cell, Verdict expected, std::string label) {
    if (cell == nullptr || cell->verdict == expected) return;
    Add(cell->role, cell->account, std::move(label), std::string(VerdictName(expected)),
        std::string(VerdictName(cell->verdict)), Causes(*cell, expected));
  }

  std::string AccountKind(const std::string& name) const {
    const AccessAccount* account = documents_.FindAccount(name);
    return account != nullptr ? account->kind : "";
  }

  void Assume(const RoleIntent& intent, const KindIntent& kind, const AccessAccount& account) {
    bool from_identity = intent.trusted_kind == "identity";
    // The role's own row: the same-named group in the identity account.
    Cell(matrix_.Find(intent.role, account.name, ActionClass::kAssume),
         from_identity ? kind.assume : kDenied, "assume");
    if (from_identity) return;  // the notes let vueusers map further groups onto roles
    // Trusted from another kind of account: some group there must be able to assume it, and no
    // group elsewhere may.
    std::vector<const MatrixCell*> trusted;
    for (const MatrixCell& cell : matrix_.cells) {
      if (cell.role != intent.role || cell.account != account.name ||
          cell.action_class != ActionClass::kAssume || cell.caller_group == intent.role) {
        continue;
      }
      if (AccountKind(cell.caller_account) == intent.trusted_kind) {
        trusted.push_back(&cell);
      } else {
        Cell(&cell, kDenied, "assume via " + cell.caller_group + "@" + cell.caller_account);
      }
    }
    bool any = std::any_of(trusted.begin(), trusted.end(), [](const MatrixCell* cell) {
      return cell->verdict == Verdict::kAllowed;
    });
    if (any || kind.assume != kAllowed) return;
    std::vector<std::string> causes;
    for (const MatrixCell* cell : trusted) {
      for (std::string& cause : Causes(*cell, kAllowed)) {
        causes.push_back(cell->caller_group + "@" + cell->caller_account + ": " + cause);
      }
    }
    if (trusted.empty()) {
      causes.push_back("no group in an account of kind " + std::string(intent.trusted_kind));
    }
    Add(intent.role, account.name,
        "assume via a group in an account of kind " + std::string(intent.trusted_kind), "allowed",
        "denied", std::move(causes));
  }

  const AccessMatrix& matrix_;
  const AccessDocuments& documents_;
  std::vector<AccessDifference> differences_;
};

}  // namespace

Verdict KindIntent::For(ActionClass action_class) const {
  switch (action_class) {
    case ActionClass::kAssume: return assume;
    case ActionClass::kRead: return read;
    case ActionClass::kWrite: return write;
    case ActionClass::kAdmin: return admin;
  }
  return kDenied;
}

std::span<const RoleIntent> VueocityAccessIntent() { return Table(); }

Json AccessDifference::ToJson() const {
  return {{"role", role},         {"account", account},   {"class", action_class},
          {"expected", expected}, {"computed", computed}, {"causes", causes}};
}

std::vector<AccessDifference> CompareWithIntent(const AccessMatrix& matrix,
                                                const AccessDocuments& documents,
                                                std::span<const RoleIntent> intent) {
  IntentComparison comparison(matrix, documents);
  for (const RoleIntent& role : intent) comparison.Role(role);
  return comparison.Take();
}

std::vector<std::string> RolesWithoutIntent(const AccessMatrix& matrix,
                                            std::span<const RoleIntent> intent) {
  std::vector<std::string> roles;
  for (const std::string& role : matrix.roles) {
    bool known = std::any_of(intent.begin(), intent.end(),
                             [&](const RoleIntent& entry) { return entry.role == role; });
    if (!known) roles.push_back(role);
  }
  return roles;
}

}  // namespace vueops::iam
