// iam_instance_profile: what hands a role to EC2 instances (notes: "Access notes": "Role
// assigned to EC2 servers give the server policy rights to access AWS resources"; "EC2":
// launch templates name it by ARN).
//
// Attributes:
//   name  string  replace   the profile's name (its id)
//   role  string  in place  the name of its one role ("" for none)
//   tags  object  in place  the environment's tags
// Outputs: id (the name), arn.
//
// GetInstanceProfile answers with the role and the tags in one call; an account holds one
// profile per environment, so reads are one by one.
#include <algorithm>

#include "resources/ec2_tags.h"
#include "resources/iam_entities.h"
#include "resources/resource_calls.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"name", UpdateMode::kReplace},
    {"role", UpdateMode::kInPlace},
    {"tags", UpdateMode::kInPlace},
};

// IAM is eventually consistent, and EC2 refuses a profile it cannot see yet ("Invalid IAM
// Instance Profile"): seconds are typical (IAM User Guide, "Troubleshooting IAM roles").
constexpr auto kPropagationTimeout = std::chrono::minutes(2);

Json RoleOf(const Json& profile) {
  const Json& roles = profile.value("Roles", Json::array());
  return roles.empty() ? Json("") : Json(roles[0].value("RoleName", ""));
}

Json Attributes(const Json& profile) {
  return {{"name", profile.value("InstanceProfileName", "")},
          {"role", RoleOf(profile)},
          {"tags", UserTags(profile.value("Tags", Json()))}};
}

Json Outputs(const Json& profile) {
  return {{"id", profile.value("InstanceProfileName", "")}, {"arn", profile.value("Arn", "")}};
}

Result<Json> Get(ResourceContext& context, const std::string& profile_name) {
  ASSIGN_OR_RETURN(Json output, context.CallOrNotFound("iam", "GetInstanceProfile",
                                                       {{"InstanceProfileName", profile_name}},
                                                       {kNoSuchEntity}));
  return output["InstanceProfile"];
}

// Gives the profile exactly `role` (a profile holds at most one role): removes any other,
// then adds it.
Status SyncRole(ResourceContext& context, const Json& profile, const std::string& role) {
  std::string profile_name = profile.value("InstanceProfileName", "");
  bool present = false;
  for (const Json& current : profile.value("Roles", Json::array())) {
    std::string name = current.value("RoleName", "");
    if (name == role) {
      present = true;
      continue;
    }
    RETURN_IF_ERROR(CallIgnoring(context, "iam", "RemoveRoleFromInstanceProfile",
                                 {{"InstanceProfileName", profile_name}, {"RoleName", name}},
                                 {kNoSuchEntity}));
  }
  if (present || role.empty()) return Status::Ok();
  return context
      .Call("iam", "AddRoleToInstanceProfile",
            {{"InstanceProfileName", profile_name}, {"RoleName", role}})
      .status();
}

class IamInstanceProfileType : public ResourceType {
 public:
  std::string_view name() const override { return "iam_instance_profile"; }
  std::string_view service() const override { return "iam"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }
  bool global() const override { return true; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    ASSIGN_OR_RETURN(Json profile, Get(context, record.id));
    return Attributes(profile);
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string&) const override {
    std::string profile_name = desired.value("name", "");
    bool existed = false;
    ASSIGN_OR_RETURN(
        Json output,
        CallUnlessDone(context, "iam", "CreateInstanceProfile",
                       {{"InstanceProfileName", profile_name},
                        {"Tags", IamTagList(context, desired.value("tags", Json::object()))}},
                       {kEntityAlreadyExists}, &existed));
    Json profile = output["InstanceProfile"];
    if (existed) {
      ASSIGN_OR_RETURN(profile, Get(context, profile_name));
      if (!TaggedWithAddress(context, profile.value("Tags", Json()))) {
        return AlreadyExistsError(context.address() + ": an instance profile named " +
                                  profile_name +
                                  " exists and is not tagged as this resource; adopt it with "
                                  "`vueops import`");
      }
    }
    RETURN_IF_ERROR(SyncRole(context, profile, desired.value("role", "")));
    return Created{profile_name, Outputs(profile), Json::object()};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>& changed) const override {
    ASSIGN_OR_RETURN(Json profile, Get(context, record.id));
    if (std::find(changed.begin(), changed.end(), "role") != changed.end()) {
      RETURN_IF_ERROR(SyncRole(context, profile, desired.value("role", "")));
    }
    if (std::find(changed.begin(), changed.end(), "tags") != changed.end()) {
      RETURN_IF_ERROR(SyncIamTags(context, kIamInstanceProfileEntity, record.id,
                                  profile.value("Tags", Json()),
                                  desired.value("tags", Json::object())));
    }
    return Status::Ok();
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    Result<Json> profile = Get(context, record.id);
    if (!profile.ok()) {
      return profile.status().code() == StatusCode::kNotFound ? Status::Ok() : profile.status();
    }
    // IAM refuses to delete a profile that still holds a role (DeleteConflict).
    RETURN_IF_ERROR(SyncRole(context, *profile, ""));
    return CallIgnoring(context, "iam", "DeleteInstanceProfile",
                        {{"InstanceProfileName", record.id}}, {kNoSuchEntity});
  }

  // Ready when IAM shows the profile with its role: what EC2 will look up.
  Status WaitReady(ResourceContext& context, const state::ResourceRecord& record) const override {
    std::string role = record.attributes.value("role", "");
    return context.Poll("instance profile " + record.id + " to hold role " + role,
                        kPropagationTimeout, [&]() -> Result<bool> {
                          Result<Json> profile = Get(context, record.id);
                          if (!profile.ok()) {
                            if (profile.status().code() == StatusCode::kNotFound) return false;
                            return profile.status();
                          }
                          return RoleOf(*profile) == role;
                        });
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    Result<Json> profile = Get(context, desired.value("name", ""));
    if (!profile.ok()) {
      if (profile.status().code() == StatusCode::kNotFound) return std::optional<Found>();
      return profile.status();
    }
    return std::optional<Found>(
        Found{profile->value("InstanceProfileName", ""), Outputs(*profile), Attributes(*profile)});
  }
};

}  // namespace

const ResourceType& IamInstanceProfile() {
  static const IamInstanceProfileType* type = new IamInstanceProfileType();
  return *type;
}

}  // namespace vueops::resources
