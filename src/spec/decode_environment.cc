// Decoding one environment: its account, region and zones, network and security groups,
// and the sections that have decoders of their own.
#include <algorithm>

#include "spec/decode.h"

namespace vueops::spec {
namespace {


void ReadZones(DecodeContext& context, MapReader& reader, Environment* env) {
  const Node* zones = reader.Get("availability_zones");
  if (zones == nullptr) return;
  std::vector<std::string> names;
  if (!ReadStringList(context, *zones, "availability_zones", &names)) return;
  env->availability_zones.clear();
  for (size_t i = 0; i < names.size(); ++i) {
    // Report at the zone itself (a single scalar stands for a list of one).
    const Node& at = zones->is_sequence() ? *zones->items[i] : *zones;
    std::string& zone = names[i];
    // A bare letter ("a") is a zone of the environment's region.
    if (zone.size() == 1 && zone[0] >= 'a' && zone[0] <= 'z') zone = env->region + zone;
    // An invalid region is reported on its own; zones cannot be checked against it.
    bool outside = zone.rfind(env->region, 0) != 0 || zone.size() != env->region.size() + 1;
    if (outside && LooksLikeRegionName(env->region)) {
      context.Error("spec.value", at,
                    "availability zone '" + zone + "' is not a zone of region " + env->region,
                    "write zone letters (a, b, c) or full names such as " + env->region + "a");
      continue;
    }
    if (std::find(env->availability_zones.begin(), env->availability_zones.end(), zone) !=
        env->availability_zones.end()) {
      context.Error("spec.duplicate", at, "availability zone '" + zone + "' is listed twice",
                    "list each zone once");
      continue;
    }
    env->availability_zones.push_back(zone);
  }
}

void ReadDevopsIps(DecodeContext& context, MapReader& reader, Environment* env) {
  const Node* list = reader.Get("devops_ips");
  if (list == nullptr) return;
  std::vector<const Node*> items;
  if (list->is_sequence()) {
    for (const NodePtr& item : list->items) items.push_back(item.get());
  } else {
    items.push_back(list);
  }
  env->devops_ips.clear();
  for (const Node* item : items) {
    std::string text;
    if (!ReadString(context, *item, "devops_ips entry", &text)) continue;
    Result<Cidr> cidr = ParseCidr(text, /*allow_bare_address=*/true);
    if (!cidr.ok()) {
      context.Error("spec.cidr", *item, "devops_ips: " + cidr.status().message());
      continue;
    }
    DevopsIp& ip = env->devops_ips.emplace_back();
    ip.location = item->location;
    ip.cidr = *cidr;
  }
}

void ReadSubnets(DecodeContext& context, MapReader& reader, std::string_view key,
                 std::vector<Subnet>* out) {
  const Node* list = reader.Get(key);
  if (list == nullptr) return;
  // "private_subnets: false" (or an empty list) opts out of private subnets.
  if (list->is_scalar() && (list->scalar == "false" || list->scalar == "none")) {
    out->clear();
    return;
  }
  if (!list->is_sequence()) {
    context.Error("spec.type", *list,
                  std::string(key) + " must be a list of CIDR blocks, one per availability zone");
    return;
  }
  out->clear();
  for (const NodePtr& item : list->items) {
    std::string text;
    if (!ReadString(context, *item, std::string(key) + " entry", &text)) continue;
    Result<Cidr> cidr = ParseCidr(text);
    if (!cidr.ok()) {
      context.Error("spec.cidr", *item, std::string(key) + ": " + cidr.status().message());
      // Kept as a placeholder so the one-subnet-per-zone count stays right; the network
      // checks skip it (kUnparsedSubnet).
      out->emplace_back().Mark(kUnparsedSubnet, item->location);
      continue;
    }
    Subnet& subnet = out->emplace_back();
    subnet.location = item->location;
    subnet.cidr = *cidr;
  }
}

constexpr EnumName<NatMode> kNatModes[] = {
    {"per-zone", NatMode::kPerZone}, {"single", NatMode::kSingle}, {"none", NatMode::kNone}};

constexpr EnumName<AppCredentials> kAppCredentials[] = {
    {"instance-role", AppCredentials::kInstanceRole},
    {"shared-key", AppCredentials::kSharedKey}};

}  // namespace

void DecodeNetwork(DecodeContext& context, const Node* node, Network* out) {
  MapReader reader(context, node, "network", out, true);
  if (const Node* block = reader.Require("vpc_cidr", "vpc_cidr: 10.10.0.0/16")) {
    std::string text;
    if (ReadString(context, *block, "vpc_cidr", &text)) {
      Result<Cidr> cidr = ParseCidr(text);
      if (!cidr.ok()) {
        context.Error("spec.cidr", *block, "vpc_cidr: " + cidr.status().message());
      } else if (cidr->ipv6 || cidr->prefix < 16 || cidr->prefix > 28) {
        // VPC IPv4 blocks are /16 to /28 (Amazon VPC User Guide, "VPC CIDR blocks").
        context.Error("spec.cidr", *block,
                      "vpc_cidr " + text + " must be an IPv4 block from /16 to /28");
      } else {
        out->vpc_cidr = *cidr;
      }
    }
  }
  ReadSubnets(context, reader, "public_subnets", &out->public_subnets);
  ReadSubnets(context, reader, "private_subnets", &out->private_subnets);
  if (out->Has("private_subnets") && out->private_subnets.empty()) out->nat = NatMode::kNone;
  reader.Enum("nat", &out->nat, kNatModes);
  reader.Boolean("s3_endpoint", &out->s3_endpoint);
  reader.Boolean("flow_logs", &out->flow_logs);
  reader.Boolean("restrict_default_security_group", &out->restrict_default_security_group);
  reader.Finish();
}

void DecodeEnvironment(DecodeContext& context, const Node& node, const std::string& name,
                       Environment* env) {
  std::string what = "environment '" + name + "'";
  MapReader reader(context, &node, what, env, true);
  env->name = name;
  reader.Accept({"template", "vars"});  // read by the loader
  reader.String("account", &env->account, true);
  if (const Node* region = reader.Get("region")) {
    std::string text;
    if (ReadString(context, *region, "region", &text)) {
      if (LooksLikeRegionName(text)) {
        env->region = text;
      } else {
        context.Error("spec.value", *region, "region '" + text + "' is not an AWS region name",
                      "regions look like us-west-2 or eu-central-1");
      }
    }
  }
  ReadZones(context, reader, env);
  ReadDevopsIps(context, reader, env);
  if (const Node* application = reader.Get("application")) {
    MapReader app(context, application, "application of " + what);
    app.Enum("credentials", &env->app_credentials, kAppCredentials);
    app.String("key_user", &env->app_key_user);
    app.Finish();
  }
  if (const Node* network = reader.Get("network")) {
    DecodeNetwork(context, network, &env->network);
  } else {
    reader.Require("network", "network: {vpc_cidr: 10.10.0.0/16}");
  }
  DecodeSecurityGroups(context, reader, &env->security_groups);
  if (const Node* servers = reader.Get("servers")) DecodeServers(context, *servers, &env->servers.emplace());
  if (const Node* database = reader.Get("database")) {
    DecodeDatabase(context, *database, &env->database.emplace());
  }
  if (const Node* cache = reader.Get("cache")) DecodeCache(context, *cache, &env->cache.emplace());
  if (const Node* balancer = reader.Get("load_balancer")) {
    DecodeLoadBalancer(context, *balancer, &env->load_balancer.emplace());
  }
  DecodeCertificates(context, reader, &env->certificates);
  DecodeBuckets(context, reader, &env->buckets);
  if (const Node* cdn = reader.Get("cdn")) DecodeCdn(context, *cdn, &env->cdn.emplace());
  if (const Node* mail = reader.Get("mail")) DecodeMail(context, *mail, &env->mail.emplace());
  if (const Node* dns = reader.Get("dns")) DecodeDns(context, *dns, &env->dns.emplace());
  DecodeSecrets(context, reader, &env->secrets);
  reader.EachEntry("tags", "tag values", [&](const MapEntry& entry) {
    std::string value;
    if (ReadString(context, *entry.value, "tag '" + entry.key + "'", &value)) {
      env->tags.emplace_back(entry.key, value);
    }
  });
  reader.Finish();
}

}  // namespace vueops::spec
