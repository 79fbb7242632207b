// Decoding servers: (notes: "EC2", "EC2 key pairs", "Access notes").
#include <iterator>
#include <sstream>

#include "spec/decode.h"

namespace vueops::spec {
namespace {

bool IsHex(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

// AMI ids are "ami-" and 8 or 17 hex digits (EC2 API Reference, "Resource IDs").
void CheckAmi(DecodeContext& context, MapReader& reader, const std::string& ami) {
  std::string_view digits = std::string_view(ami).substr(ami.rfind("ami-", 0) == 0 ? 4 : 0);
  if (ami.rfind("ami-", 0) != 0 || (digits.size() != 8 && digits.size() != 17) ||
      !IsHex(digits)) {
    context.Error("spec.value", *reader.Get("ami"), "ami '" + ami + "' is not an AMI id",
                  "AMI ids look like ami-0abcdef1234567890");
  }
}

void DecodeCapacity(DecodeContext& context, const Node* node, const std::string& what,
                    Capacity* capacity) {
  MapReader reader(context, node, "capacity of " + what, capacity);
  // Auto Scaling allows up to thousands of instances; 1000 is past any Vueocity fleet and
  // catches a slipped digit.
  constexpr int kMaxInstances = 1000;
  bool has_min = reader.Integer("min", &capacity->min, 0, kMaxInstances, true);
  bool has_max = reader.Integer("max", &capacity->max, 0, kMaxInstances, true);
  capacity->desired = capacity->min;
  reader.Integer("desired", &capacity->desired, 0, kMaxInstances);
  if (has_min && has_max && capacity->min > capacity->max) {
    context.Error("spec.value", capacity->At("min"),
                  "capacity of " + what + ": min " + std::to_string(capacity->min) +
                      " is above max " + std::to_string(capacity->max));
  } else if (has_min && has_max &&
             (capacity->desired < capacity->min || capacity->desired > capacity->max)) {
    context.Error("spec.value", capacity->At("desired"),
                  "capacity of " + what + ": desired " + std::to_string(capacity->desired) +
                      " is outside min " + std::to_string(capacity->min) + " .. max " +
                      std::to_string(capacity->max));
  }
  reader.Finish();
}

void DecodePurchase(DecodeContext& context, const Node* node, const std::string& what,
                    Purchase* purchase) {
  MapReader reader(context, node, "purchase of " + what, purchase);
  reader.Integer("on_demand_base", &purchase->on_demand_base, 0, 1000);
  reader.Integer("on_demand_percent_above_base", &purchase->on_demand_percent_above_base, 0, 100);
  std::string allocation;
  if (reader.String("spot_allocation", &allocation)) {
    // Auto Scaling InstancesDistribution.SpotAllocationStrategy values.
    const std::vector<std::string> strategies = {"price-capacity-optimized", "capacity-optimized",
                                                 "capacity-optimized-prioritized", "lowest-price"};
    if (std::find(strategies.begin(), strategies.end(), allocation) == strategies.end()) {
      ReportBadEnum(context, *reader.Get("spot_allocation"), "spot_allocation", strategies);
    } else {
      purchase->spot_allocation = allocation;
    }
  }
  reader.Finish();
}

void DecodeProfile(DecodeContext& context, const MapEntry& entry, ServerProfile* profile) {
  profile->name = entry.key;
  std::string what = "server profile '" + entry.key + "'";
  MapReader reader(context, entry.value.get(), what, profile, true);
  if (reader.String("ami", &profile->ami)) CheckAmi(context, reader, profile->ami);
  if (reader.StringList("instance_types", &profile->instance_types, true)) {
    if (profile->instance_types.empty()) {
      context.Error("spec.value", *reader.Get("instance_types"),
                    "instance_types of " + what + " is empty");
    }
    for (const std::string& type : profile->instance_types) {
      if (type.find('.') == std::string::npos || type.front() == '.' || type.back() == '.') {
        context.Error("spec.value", *reader.Get("instance_types"),
                      "'" + type + "' is not an EC2 instance type",
                      "instance types look like t3.medium or m6i.large");
      }
    }
  }
  if (reader.String("user_data", &profile->user_data_file)) {
    ReadSpecFile(context, *reader.Get("user_data"), profile->user_data_file, &profile->user_data);
    // EC2 RunInstances: user data is limited to 16 KB before base64 encoding.
    constexpr size_t kMaxUserData = 16 * 1024;
    if (profile->user_data.size() > kMaxUserData) {
      context.Error("spec.value", *reader.Get("user_data"),
                    "user data of " + what + " is " + std::to_string(profile->user_data.size()) +
                        " bytes; EC2 allows 16384",
                    "move the bulk into a script the cloud-init file downloads");
    }
  }
  if (const Node* capacity = reader.Require("capacity", "capacity: {min: 1, max: 4}")) {
    DecodeCapacity(context, capacity, what, &profile->capacity);
  }
  if (const Node* purchase = reader.Get("purchase")) {
    DecodePurchase(context, purchase, what, &profile->purchase);
  }
  reader.String("target_group", &profile->target_group);
  reader.Boolean("serves_traffic", &profile->serves_traffic);
  reader.Integer("uwsgi_processes", &profile->uwsgi_processes, 1, 512);
  reader.Integer("health_check_grace_seconds", &profile->health_check_grace_seconds, 0, 7200);
  int index = 0;
  reader.EachItem("schedule", "scheduled actions", [&](const Node& item) {
    ScheduledAction& action = profile->schedule.emplace_back();
    MapReader scheduled(context, &item,
                        "scheduled action " + std::to_string(++index) + " of " + what, &action,
                        true);
    scheduled.String("name", &action.name, true);
    scheduled.String("recurrence", &action.recurrence, true);
    // Five whitespace-separated fields, however many spaces separate them.
    std::istringstream fields(action.recurrence);
    std::vector<std::string> words{std::istream_iterator<std::string>(fields),
                                   std::istream_iterator<std::string>()};
    if (!action.recurrence.empty() && words.size() != 5) {
      context.Error("spec.value", *scheduled.Get("recurrence"),
                    "recurrence '" + action.recurrence + "' is not a five-field cron expression",
                    "e.g. \"0 3 * * *\" for 03:00 UTC every day");
    }
    int value = 0;
    if (scheduled.Integer("min", &value, 0, 1000)) action.min = value;
    if (scheduled.Integer("max", &value, 0, 1000)) action.max = value;
    if (scheduled.Integer("desired", &value, 0, 1000)) action.desired = value;
    if (action.min && action.max && *action.min > *action.max) {
      context.Error("spec.value", action.At("min"),
                    "scheduled action '" + action.name + "': min " + std::to_string(*action.min) +
                        " is above max " + std::to_string(*action.max));
    } else if (action.desired && ((action.min && *action.desired < *action.min) ||
                                  (action.max && *action.desired > *action.max))) {
      context.Error("spec.value", action.At("desired"),
                    "scheduled action '" + action.name + "': desired " +
                        std::to_string(*action.desired) + " is outside its min and max");
    }
    scheduled.Finish();
  });
  int target = 0;
  if (reader.Integer("cpu_target_percent", &target, 1, 100)) profile->cpu_target_percent = target;
  reader.Finish();
}

void DecodeInstanceRole(DecodeContext& context, const Node* node, InstanceRole* role) {
  MapReader reader(context, node, "instance_role of servers", role);
  reader.Boolean("broad", &role->broad);
  if (reader.StringList("managed_policies", &role->managed_policies)) {
    for (const std::string& arn : role->managed_policies) {
      if (arn.rfind("arn:aws", 0) != 0) {
        context.Error("spec.value", *reader.Get("managed_policies"),
                      "managed policy '" + arn + "' of the instance role is not an ARN",
                      "write the ARN, e.g. arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore");
      }
    }
  }
  if (const Node* policy = reader.Get("policy")) {
    DecodePolicyDocument(context, *policy, "the servers' instance role", &role->policy.emplace());
  }
  reader.Finish();
}

}  // namespace

void DecodeServers(DecodeContext& context, const Node& node, Servers* out) {
  MapReader reader(context, &node, "servers", out, true);
  if (reader.String("ami", &out->ami, true)) CheckAmi(context, reader, out->ami);
  reader.String("key_pair", &out->key_pair, true);
  std::string placement;
  if (reader.String("placement", &placement)) {
    if (placement == "private" || placement == "public") {
      out->placement = placement;
    } else {
      ReportBadEnum(context, *reader.Get("placement"), "placement of servers",
                    {"private", "public"});
    }
  }
  reader.StringList("security_groups", &out->security_groups);
  if (const Node* role = reader.Get("instance_role")) {
    DecodeInstanceRole(context, role, &out->instance_role);
  }
  reader.Boolean("detailed_monitoring", &out->detailed_monitoring);
  reader.Boolean("imdsv2_required", &out->imdsv2_required);
  // IMDS PUT response hop limit: 1 to 64 (EC2 ModifyInstanceMetadataOptions).
  reader.Integer("metadata_hop_limit", &out->metadata_hop_limit, 1, 64);
  if (const Node* volume = reader.Get("root_volume")) {
    MapReader root(context, volume, "root_volume of servers");
    // gp3 volumes are 1 GiB to 16 TiB (EBS User Guide, "Amazon EBS volume types").
    root.Integer("size_gb", &out->root_volume_gb, 8, 16384);
    std::string type;
    if (root.String("type", &type)) {
      // EBS volume types a root (boot) volume can use (EBS User Guide, "Volume types").
      const std::vector<std::string> types = {"gp3", "gp2", "io1", "io2", "standard"};
      if (std::find(types.begin(), types.end(), type) == types.end()) {
        ReportBadEnum(context, *root.Get("type"), "root_volume type", types);
      } else {
        out->root_volume_type = type;
      }
    }
    root.Boolean("encrypted", &out->root_volume_encrypted);
    root.Finish();
  }
  reader.Boolean("associate_public_ip", &out->associate_public_ip);
  reader.EachEntry("profiles", "server profiles", [&](const MapEntry& entry) {
    DecodeProfile(context, entry, &out->profiles.emplace_back());
  });
  if (reader.ok() && reader.Get("profiles") == nullptr) {
    reader.Require("profiles", "profiles: {FOH: {...}, BOH: {...}, FT: {...}}");
  }
  reader.EachEntry("dev_servers", "dev servers", [&](const MapEntry& entry) {
    DevServer& server = out->dev_servers.emplace_back();
    server.name = entry.key;
    MapReader dev(context, entry.value.get(), "dev server '" + entry.key + "'", &server, true);
    dev.String("profile", &server.profile, true);
    dev.String("instance_type", &server.instance_type);
    dev.String("elastic_ip", &server.elastic_ip);
    dev.Finish();
  });
  reader.Finish();
}

}  // namespace vueops::spec
