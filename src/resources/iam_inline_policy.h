// One inline policy of an IAM role, group or user as a resource of its own (iam_role_policy,
// iam_group_policy, iam_user_policy: one file each, this class their shared body). IAM gives
// the three one API shape (PutRolePolicy / PutGroupPolicy / PutUserPolicy with RoleName /
// GroupName / UserName), so one class serves them, told apart by the entity.
//
// Attributes (<owner> is "role", "group" or "user"):
//   <owner>  string  replace   the owning entity's name (a reference to its id)
//   name     string  replace   the policy's name, unique within the entity
//   policy   object  in place  the policy document
// Outputs: id ("<owner name>:<policy name>"; IAM names never hold ':').
//
// The owner's `inline_policy_names` attribute lists these names: the owner deletes any other
// inline policy it finds (one added by hand is drift), and each listed one is kept by its
// policy resource. Reading is batched: one GetAccountAuthorizationDetails per account answers
// for every policy of that kind.
#ifndef VUEOPS_RESOURCES_IAM_INLINE_POLICY_H_
#define VUEOPS_RESOURCES_IAM_INLINE_POLICY_H_

#include <string_view>

#include "resources/iam_entities.h"
#include "resources/resource_type.h"

namespace vueops::resources {

// The inline policy type of an IAM role, group or user type: "iam_role" -> "iam_role_policy".
std::string InlinePolicyType(std::string_view entity_type);
// The attribute of an inline policy type that names its owner: "iam_role_policy" -> "role";
// "" for any other type.
std::string_view InlinePolicyOwner(std::string_view policy_type);

class IamInlinePolicyType : public ResourceType {
 public:
  // `type_name`: "iam_role_policy" (whose owner attribute is InlinePolicyOwner's: "role").
  IamInlinePolicyType(std::string_view type_name, const IamEntity& entity);

  std::string_view name() const override { return type_name_; }
  std::string_view service() const override { return "iam"; }
  std::span<const Attribute> attributes() const override { return attributes_; }
  bool global() const override { return true; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override;
  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override;
  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string& token) const override;
  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>& changed) const override;
  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override;
  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string& token) const override;

 private:
  Status Put(ResourceContext& context, const Json& desired) const;
  Json AttributesOf(const std::string& owner_name, const std::string& policy_name,
                    const Json& document) const;

  std::string_view type_name_;
  IamEntity entity_;
  std::string_view owner_;
  Attribute attributes_[3];
};

}  // namespace vueops::resources

#endif  // VUEOPS_RESOURCES_IAM_INLINE_POLICY_H_
