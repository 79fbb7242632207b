// What the IAM types (role, group, user, instance profile) share. IAM gives its entities one
// API shape — PutRolePolicy / PutUserPolicy / PutGroupPolicy with RoleName / UserName /
// GroupName, TagRole / TagUser / TagInstanceProfile — so policies and tags are kept in step
// by the same code for each; and one GetAccountAuthorizationDetails answers for every role,
// user or group of an account at once, which is how the types read in batches.
//
// Policy documents travel as JSON values: the client decodes IAM's URL-encoded documents
// (client/customizations.h), and comparing two documents is comparing two JSON values.
#ifndef VUEOPS_RESOURCES_IAM_ENTITIES_H_
#define VUEOPS_RESOURCES_IAM_ENTITIES_H_

#include <map>
#include <string>
#include <string_view>

#include "base/json.h"
#include "base/status.h"
#include "resources/resource_context.h"

namespace vueops::resources {

// The IAM error for an entity that does not exist (IAM API Reference, Common Errors).
inline constexpr std::string_view kNoSuchEntity = "NoSuchEntity";
inline constexpr std::string_view kEntityAlreadyExists = "EntityAlreadyExists";

struct IamEntity {
  std::string_view noun;         // "Role": the word in PutRolePolicy, TagRole, ...
  std::string_view name_member;  // "RoleName"
  std::string_view filter;       // GetAccountAuthorizationDetails' Filter value: "Role"
  std::string_view detail_list;  // its output list: "RoleDetailList"
};
inline constexpr IamEntity kIamRoleEntity = {"Role", "RoleName", "Role", "RoleDetailList"};
inline constexpr IamEntity kIamUserEntity = {"User", "UserName", "User", "UserDetailList"};
inline constexpr IamEntity kIamGroupEntity = {"Group", "GroupName", "Group", "GroupDetailList"};
inline constexpr IamEntity kIamInstanceProfileEntity = {"InstanceProfile", "InstanceProfileName",
                                                        "", ""};

// The name of the entity's form of an IAM operation: ("Put", role, "Policy") is PutRolePolicy.
std::string IamOperation(std::string_view prefix, const IamEntity& entity, std::string_view suffix);

// A policy document as IAM's input takes it: JSON text.
std::string PolicyText(const Json& document);
// A policy document from IAM's output as a JSON value (already decoded by the client; text
// is parsed, for answers that carry it undecoded).
Json PolicyValue(const Json& document);

// {"<PolicyName>": document, ...} from a detail's inline list
// ([{"PolicyName": ..., "PolicyDocument": ...}]).
Json InlinePolicies(const Json& policy_list);
// The sorted ARNs of a detail's AttachedManagedPolicies ([{"PolicyName", "PolicyArn"}]).
Json ManagedPolicyArns(const Json& attached);

// Every entity of `entity`'s kind in the account, by name, as GetAccountAuthorizationDetails
// describes it (inline policies with their documents, attached policies, tags, group
// membership): one call (per 1,000 entities) for all the records of a batch.
Result<std::map<std::string, Json>> AuthorizationDetails(ResourceContext& context,
                                                         const IamEntity& entity);

// The sorted names of a detail's inline policies.
Json InlinePolicyNames(const Json& policy_list);
// Deletes the entity's inline policies whose names `keep` (a list) does not hold: the policies
// themselves are iam_role_policy / iam_group_policy / iam_user_policy resources
// (iam_inline_policy.h), the entity's inline_policy_names says which may be there.
Status KeepOnlyInlinePolicies(ResourceContext& context, const IamEntity& entity,
                              const std::string& name, const Json& keep);
// Makes the entity's attached managed policies exactly `desired` (a list of ARNs).
Status SyncManagedPolicies(ResourceContext& context, const IamEntity& entity,
                           const std::string& name, const Json& desired);

// The tags to create an entity with: the context's (vueops:address, vueops:stack, the
// environment's) overlaid by the `tags` attribute, as [{"Key", "Value"}].
Json IamTagList(const ResourceContext& context, const Json& desired_tags);
// Makes the entity's tags the context's vueops:* tags plus `desired_tags` (the `tags`
// attribute is the whole of the user tags, as ec2_tags.h's SyncTags has it), given its
// `live_tags` ([{"Key", "Value"}], as GetRole / GetUser / GetInstanceProfile return them):
// tags what is missing or different, untags the other keys (vueops:* keys other than ours
// are left alone).
Status SyncIamTags(ResourceContext& context, const IamEntity& entity, const std::string& name,
                   const Json& live_tags, const Json& desired_tags);
// Whether an IAM tag list carries the context's address (the entity is this resource's).
bool TaggedWithAddress(const ResourceContext& context, const Json& tag_list);

}  // namespace vueops::resources

#endif  // VUEOPS_RESOURCES_IAM_ENTITIES_H_
