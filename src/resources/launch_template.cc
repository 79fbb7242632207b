// launch_template: how a server profile's instances are launched (notes: "EC2": "MPF uses
// Launch Templates to define AMI, settings, and the cloud-init startup script in User Data";
// "Create Launch template with key, security, monitoring"). The autoscaling group and the dev
// servers launch from its default version.
//
// Notes: "make sure on-demand and spot instances can be created from the launch template":
// the template sets no purchase option, shutdown behaviour, credit specification or tenancy,
// which the autoscaling group's mixed instances policy decides. "use ARN/IDs for IAM and
// Security Groups, or errors will happen with different autoscale configs": it names the
// security groups by ID and the instance profile by ARN.
//
// Attributes (all but name and tags live in the template's data: a change makes a new
// version, which becomes the default):
//   name                      string  replace   <stack>-<env>-<profile>
//   image_id                  string  in place  the AMI
//   instance_type             string  in place  the profile's first instance type
//   key_name                  string  in place  the key pair ("" for none)
//   security_group_ids        list    in place  group IDs (recorded order)
//   iam_instance_profile_arn  string  in place  the instance profile's ARN ("" for none)
//   user_data                 string  in place  the cloud-init text (base64 on the wire)
//   imdsv2_required           bool    in place  HttpTokens required (IMDSv2 only)
//   metadata_hop_limit        number  in place  HttpPutResponseHopLimit
//   monitoring                bool    in place  detailed (1-minute) CloudWatch monitoring
//   root_volume               object  in place  {"size_gb", "type", "encrypted"}
//   associate_public_ip       bool    in place  a public address on the first interface
//   instance_tags             object  in place  tags of the instances and their volumes
//   tags                      object  in place  tags of the template itself
// Outputs: id, latest_version.
#include <algorithm>

#include "model/base64.h"
#include "resources/ec2_support.h"
#include "resources/ec2_tags.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"name", UpdateMode::kReplace},
    {"image_id", UpdateMode::kInPlace},
    {"instance_type", UpdateMode::kInPlace},
    {"key_name", UpdateMode::kInPlace},
    {"security_group_ids", UpdateMode::kInPlace},
    {"iam_instance_profile_arn", UpdateMode::kInPlace},
    {"user_data", UpdateMode::kInPlace},
    {"imdsv2_required", UpdateMode::kInPlace},
    {"metadata_hop_limit", UpdateMode::kInPlace},
    {"monitoring", UpdateMode::kInPlace},
    {"root_volume", UpdateMode::kInPlace},
    {"associate_public_ip", UpdateMode::kInPlace},
    {"instance_tags", UpdateMode::kInPlace},
    {"tags", UpdateMode::kInPlace},
};

// The root device of an image that DescribeImages does not show (an AMI shared later, or an
// emulator's made-up id): the name EC2 gives the root of most Linux AMIs but Amazon Linux's
// ("Root device volume for your EC2 instances"). An image that does not exist launches
// nothing, so the guess only matters until the image appears.
constexpr std::string_view kFallbackRootDeviceName = "/dev/sda1";
// IMDS: a PUT's response may cross one hop unless told otherwise (EC2 User Guide, "Configure
// the instance metadata options").
constexpr int kDefaultHopLimit = 1;
// DescribeLaunchTemplateVersions: MaxResults "between 1 and 200".
constexpr int kMaxVersionsPerPage = 200;

Json TagMapOf(const Json& tag_list) {
  Json tags = Json::object();
  for (const Json& tag : tag_list) tags[tag.value("Key", "")] = tag.value("Value", "");
  return tags;
}

Json TagListOf(const Json& tag_map) {
  Json tags = Json::array();
  for (auto it = tag_map.begin(); it != tag_map.end(); ++it) {
    tags.push_back({{"Key", it.key()}, {"Value", it.value()}});
  }
  return tags;
}

// The attributes kept in a version's LaunchTemplateData.
Json DataAttributes(const Json& data, const Json& recorded) {
  Json groups = data.value("SecurityGroupIds", Json::array());
  bool public_ip = false;
  const Json& interfaces = data.value("NetworkInterfaces", Json::array());
  if (!interfaces.empty()) {
    groups = interfaces[0].value("Groups", Json::array());
    public_ip = interfaces[0].value("AssociatePublicIpAddress", false);
  }
  std::string user_data;
  if (Result<std::string> decoded = model::Base64Decode(data.value("UserData", ""));
      decoded.ok()) {
    user_data = *decoded;
  }
  const Json& metadata = data.value("MetadataOptions", Json::object());
  Json root = nullptr;
  for (const Json& mapping : data.value("BlockDeviceMappings", Json::array())) {
    if (!mapping.contains("Ebs")) continue;
    const Json& ebs = mapping["Ebs"];
    root = {{"size_gb", ebs.value("VolumeSize", 0)},
            {"type", ebs.value("VolumeType", "")},
            {"encrypted", ebs.value("Encrypted", false)}};
    break;
  }
  Json instance_tags = Json::object();
  for (const Json& specification : data.value("TagSpecifications", Json::array())) {
    if (specification.value("ResourceType", "") == "instance") {
      instance_tags = TagMapOf(specification.value("Tags", Json::array()));
    }
  }
  return {{"image_id", data.value("ImageId", "")},
          {"instance_type", data.value("InstanceType", "")},
          {"key_name", data.value("KeyName", "")},
          {"security_group_ids",
           OrderLike(groups, recorded.value("security_group_ids", Json::array()))},
          {"iam_instance_profile_arn",
           data.value("IamInstanceProfile", Json::object()).value("Arn", "")},
          {"user_data", user_data},
          {"imdsv2_required", metadata.value("HttpTokens", "") == "required"},
          {"metadata_hop_limit", metadata.value("HttpPutResponseHopLimit", kDefaultHopLimit)},
          {"monitoring", data.value("Monitoring", Json::object()).value("Enabled", false)},
          {"root_volume", root},
          {"associate_public_ip", public_ip},
          {"instance_tags", instance_tags}};
}

// The root device name of `image_id` (DescribeImages), so that the root volume settings
// apply to the root volume and do not add a second volume.
Result<std::string> RootDeviceName(ResourceContext& context, const std::string& image_id) {
  std::string code;
  Result<Json> output =
      CallForCode(context, "ec2", "DescribeImages", {{"ImageIds", {image_id}}}, &code);
  if (!output.ok() && code != "InvalidAMIID.NotFound" && code != "InvalidAMIID.Unavailable") {
    return output.status();
  }
  if (output.ok()) {
    for (const Json& image : output->value("Images", Json::array())) {
      std::string name = image.value("RootDeviceName", "");
      if (!name.empty()) return name;
    }
  }
  context.Progress("image " + image_id + " is not visible; assuming its root device is " +
                   std::string(kFallbackRootDeviceName));
  return std::string(kFallbackRootDeviceName);
}

Result<Json> LaunchTemplateData(ResourceContext& context, const Json& desired) {
  Json data = {{"ImageId", desired["image_id"]}, {"InstanceType", desired["instance_type"]}};
  if (!desired.value("key_name", "").empty()) data["KeyName"] = desired["key_name"];
  Json groups = desired.value("security_group_ids", Json::array());
  if (desired.value("associate_public_ip", false)) {
    // A public address is a property of the network interface, and then the groups must be
    // given there too (CreateLaunchTemplate rejects both forms at once).
    data["NetworkInterfaces"] = Json::array({{{"DeviceIndex", 0},
                                              {"AssociatePublicIpAddress", true},
                                              {"DeleteOnTermination", true},
                                              {"Groups", groups}}});
  } else if (!groups.empty()) {
    data["SecurityGroupIds"] = groups;
  }
  if (!desired.value("iam_instance_profile_arn", "").empty()) {
    data["IamInstanceProfile"] = {{"Arn", desired["iam_instance_profile_arn"]}};
  }
  if (!desired.value("user_data", "").empty()) {
    data["UserData"] = model::Base64Encode(desired.value("user_data", ""));
  }
  data["MetadataOptions"] = {
      {"HttpEndpoint", "enabled"},
      {"HttpTokens", desired.value("imdsv2_required", true) ? "required" : "optional"},
      {"HttpPutResponseHopLimit", desired.value("metadata_hop_limit", kDefaultHopLimit)}};
  data["Monitoring"] = {{"Enabled", desired.value("monitoring", false)}};
  if (desired.contains("root_volume") && desired["root_volume"].is_object()) {
    const Json& root = desired["root_volume"];
    ASSIGN_OR_RETURN(std::string device, RootDeviceName(context, desired.value("image_id", "")));
    data["BlockDeviceMappings"] =
        Json::array({{{"DeviceName", device},
                      {"Ebs",
                       {{"VolumeSize", root.value("size_gb", 0)},
                        {"VolumeType", root.value("type", "gp3")},
                        {"Encrypted", root.value("encrypted", true)},
                        {"DeleteOnTermination", true}}}}});
  }
  Json instance_tags = TagListOf(desired.value("instance_tags", Json::object()));
  if (!instance_tags.empty()) {
    data["TagSpecifications"] =
        Json::array({{{"ResourceType", "instance"}, {"Tags", instance_tags}},
                     {{"ResourceType", "volume"}, {"Tags", instance_tags}}});
  }
  return data;
}

// The templates of `names` (DescribeLaunchTemplates), by id.
Result<Json> TemplatesNamed(ResourceContext& context, const Json& names) {
  return CallAllPages(context, "ec2", "DescribeLaunchTemplates",
                      {{"Filters", {{{"Name", "launch-template-name"}, {"Values", names}}}}},
                      "LaunchTemplates");
}

Json Outputs(const Json& template_description) {
  return {{"id", template_description.value("LaunchTemplateId", "")},
          {"latest_version", template_description.value("LatestVersionNumber", 1)}};
}

class LaunchTemplateType : public ResourceType {
 public:
  std::string_view name() const override { return "launch_template"; }
  std::string_view service() const override { return "ec2"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    const state::ResourceRecord* one[] = {&record};
    return std::move(ReadMany(context, one)[0]);
  }

  // Two calls for any number of templates: their names and tags (DescribeLaunchTemplates by
  // name), and every template's default version (DescribeLaunchTemplateVersions with
  // $Default and no template named).
  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override {
    Json names = Json::array();
    for (const state::ResourceRecord* record : records) {
      names.push_back(record->attributes.value("name", ""));
    }
    Result<Json> templates = TemplatesNamed(context, names);
    if (!templates.ok()) return std::vector<Result<Json>>(records.size(), templates.status());
    Result<Json> versions =
        CallAllPages(context, "ec2", "DescribeLaunchTemplateVersions",
                     {{"Versions", {"$Default"}}, {"MaxResults", kMaxVersionsPerPage}},
                     "LaunchTemplateVersions");
    if (!versions.ok()) return std::vector<Result<Json>>(records.size(), versions.status());
    std::vector<Result<Json>> results;
    for (const state::ResourceRecord* record : records) {
      Result<Json> found = NotFoundError(record->address + ": launch template " + record->id +
                                         " is gone");
      for (const Json& description : *templates) {
        if (description.value("LaunchTemplateId", "") != record->id) continue;
        for (const Json& version : *versions) {
          if (version.value("LaunchTemplateId", "") != record->id) continue;
          Json attributes =
              DataAttributes(version.value("LaunchTemplateData", Json::object()),
                             record->attributes);
          attributes["name"] = description.value("LaunchTemplateName", "");
          attributes["tags"] = UserTags(description.value("Tags", Json()));
          found = std::move(attributes);
        }
      }
      results.push_back(std::move(found));
    }
    return results;
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string& token) const override {
    ASSIGN_OR_RETURN(Json data, LaunchTemplateData(context, desired));
    ASSIGN_OR_RETURN(Json output,
                     context.Call("ec2", "CreateLaunchTemplate",
                                  {{"LaunchTemplateName", desired["name"]},
                                   {"LaunchTemplateData", data},
                                   {"ClientToken", token},
                                   {"TagSpecifications",
                                    TagSpecificationsFor(context, "launch-template", desired)}}));
    const Json& created = output["LaunchTemplate"];
    return Created{created.value("LaunchTemplateId", ""), Outputs(created), Json::object()};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>& changed) const override {
    bool data_changed = std::any_of(changed.begin(), changed.end(), [](const std::string& name) {
      return name != "tags" && name != "name";
    });
    if (data_changed) {
      // Templates are versioned: a new version with the whole data, made the default, so the
      // autoscaling group ($Default) and new dev servers launch from it.
      ASSIGN_OR_RETURN(Json data, LaunchTemplateData(context, desired));
      ASSIGN_OR_RETURN(Json output, context.Call("ec2", "CreateLaunchTemplateVersion",
                                                 {{"LaunchTemplateId", record.id},
                                                  {"LaunchTemplateData", data},
                                                  {"VersionDescription", "vueops apply"}}));
      int64_t version = output["LaunchTemplateVersion"].value("VersionNumber", int64_t{0});
      RETURN_IF_ERROR(context
                          .Call("ec2", "ModifyLaunchTemplate",
                                {{"LaunchTemplateId", record.id},
                                 {"DefaultVersion", std::to_string(version)}})
                          .status());
    }
    if (std::find(changed.begin(), changed.end(), "tags") != changed.end()) {
      ASSIGN_OR_RETURN(Json live, Read(context, record));
      RETURN_IF_ERROR(
          SyncTags(context, record.id, live["tags"], desired.value("tags", Json::object())));
    }
    return Status::Ok();
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    return DeleteIgnoringGone(context, "ec2", "DeleteLaunchTemplate",
                              {{"LaunchTemplateId", record.id}},
                              {"InvalidLaunchTemplateId.NotFound",
                               "InvalidLaunchTemplateId.NotFoundException"});
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    ASSIGN_OR_RETURN(Json templates,
                     TemplatesNamed(context, Json::array({desired.value("name", "")})));
    if (templates.empty()) return std::optional<Found>();
    const Json& found = templates[0];
    return std::optional<Found>(
        Found{found.value("LaunchTemplateId", ""), Outputs(found), Json::object()});
  }
};

}  // namespace

const ResourceType& LaunchTemplate() {
  static const LaunchTemplateType* type = new LaunchTemplateType();
  return *type;
}

}  // namespace vueops::resources
