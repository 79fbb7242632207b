// Rules of the notes' "EC2", "EC2 key pairs" and "Access notes" sections (VO3xx): launch
// templates, autoscaling groups per profile, the servers' role, and the key pairs' files.
#include <algorithm>
#include <set>

#include "base/file.h"
#include "lint/rule_helpers.h"
#include "lint/rules.h"
#include "lint/user_data_secrets.h"

namespace vueops::lint {
namespace {

// The hop limit that still lets containers on the host reach IMDSv2 (2); more lets the
// credentials travel further (Checkov CKV_AWS_341).
constexpr int kMaxMetadataHopLimit = 2;

// AWS managed policies that give a role far more than the environment's own resources.
bool IsBroadManagedPolicy(const std::string& arn) {
  return arn.ends_with("/AdministratorAccess") || arn.ends_with("/PowerUserAccess") ||
         arn.ends_with("FullAccess");
}

// Whether any of the profile's capacity may be bought as spot.
bool UsesSpot(const spec::ServerProfile& profile) {
  return profile.purchase.on_demand_percent_above_base < 100 &&
         profile.capacity.max > profile.purchase.on_demand_base;
}

// A key pair whose private key must be in the secrets folder, and where the spec names it.
struct KeyPairUse {
  std::string name;
  Location at;
  std::string subject;
};

// Every key pair the spec names (the servers' and the SSH entry host's), once each.
std::vector<KeyPairUse> KeyPairs(const spec::Stack& stack) {
  std::vector<KeyPairUse> uses;
  std::set<std::string> seen;
  for (const spec::Environment& env : stack.environments) {
    if (!env.servers || env.servers->key_pair.empty()) continue;
    if (seen.insert(env.servers->key_pair).second) {
      uses.push_back({env.servers->key_pair, env.servers->At("key_pair"),
                      Address(env.name, "key_pair", env.servers->key_pair)});
    }
  }
  const spec::Operations& operations = stack.operations;
  if (!operations.ssh_entry_key_pair.empty() && seen.insert(operations.ssh_entry_key_pair).second) {
    uses.push_back({operations.ssh_entry_key_pair, operations.At("ssh_entry"),
                    Address("org", "key_pair", operations.ssh_entry_key_pair)});
  }
  return uses;
}

std::string KeyPairFile(const RuleContext& context, const std::string& key_pair) {
  return JoinPath(context.SecretsDir(), key_pair + ".pem");
}

std::string ProfileAddress(const spec::Environment& env, const spec::ServerProfile& profile) {
  return Address(env.name, "server_profile", profile.name);
}

}  // namespace

void CheckImdsv2Required(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (env.servers && !env.servers->imdsv2_required) {
      context.Report(env.servers->At("imdsv2_required"), Address(env.name, "servers"),
                     "the launch templates of '" + env.name + "' allow IMDSv1");
    }
  }
}

void CheckMetadataHopLimit(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (env.servers && env.servers->metadata_hop_limit > kMaxMetadataHopLimit) {
      context.Report(
          env.servers->At("metadata_hop_limit"), Address(env.name, "servers"),
          "the metadata hop limit is " + std::to_string(env.servers->metadata_hop_limit));
    }
  }
}

void CheckRootVolumeEncrypted(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (env.servers && !env.servers->root_volume_encrypted) {
      context.Report(
          env.servers->At("root_volume"), Address(env.name, "servers"),
          "the servers' " + env.servers->root_volume_type + " root volumes are not encrypted");
    }
  }
}

void CheckBroadServerRole(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.servers) continue;
    const spec::InstanceRole& role = env.servers->instance_role;
    if (role.broad) {
      context.Report(role.At("broad"), Address(env.name, "instance_role"),
                     "the servers of '" + env.name + "' use the broad instance role");
    }
    for (size_t i = 0; i < role.managed_policies.size(); ++i) {
      if (IsBroadManagedPolicy(role.managed_policies[i])) {
        context.Report(role.At("managed_policies", i), Address(env.name, "instance_role"),
                       "the servers' role has " + role.managed_policies[i]);
      }
    }
  }
}

void CheckSpotDiversified(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.servers) continue;
    for (const spec::ServerProfile& profile : env.servers->profiles) {
      if (UsesSpot(profile) && profile.instance_types.size() < 2) {
        context.Report(
            profile.At("instance_types"), ProfileAddress(env, profile),
            "profile '" + profile.name + "' buys spot with one instance type" +
                (profile.instance_types.empty() ? "" : " (" + profile.instance_types[0] + ")"));
      }
    }
  }
}

void CheckTargetGroupPerProfile(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.servers || !env.load_balancer) continue;
    for (const spec::ServerProfile& profile : env.servers->profiles) {
      if (profile.serves_traffic && profile.target_group.empty()) {
        context.Report(
            profile.location, ProfileAddress(env, profile),
            "profile '" + profile.name + "' serves traffic but registers with no target group");
      }
    }
  }
}

void CheckTargetGroupsHaveServers(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.load_balancer) continue;
    for (const spec::TargetGroup& group : env.load_balancer->target_groups) {
      bool registered =
          env.servers && std::any_of(env.servers->profiles.begin(), env.servers->profiles.end(),
                                     [&](const spec::ServerProfile& profile) {
                                       return profile.target_group == group.name;
                                     });
      if (!registered) {
        context.Report(group.location, Address(env.name, "target_group", group.name),
                       "no server profile registers with target group '" + group.name + "'");
      }
    }
  }
}

void CheckNoPublicIpsInPrivateSubnets(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.servers || !env.servers->associate_public_ip) continue;
    if (env.servers->placement == "private" && !env.network.private_subnets.empty()) {
      context.Report(env.servers->At("associate_public_ip"), Address(env.name, "servers"),
                     "servers in the private subnets of '" + env.name + "' get public IPs");
    }
  }
}

void CheckUserDataHasNoSecrets(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (!env.servers) continue;
    for (const spec::ServerProfile& profile : env.servers->profiles) {
      // The message names the line, never the secret.
      for (const SecretInText& secret : FindSecretsInText(profile.user_data)) {
        context.Report(profile.At("user_data"), ProfileAddress(env, profile),
                       "user data " + profile.user_data_file + " holds " +
                           std::string(secret.kind) + " on line " + std::to_string(secret.line));
      }
    }
  }
}

void CheckKeyPairFileMode(RuleContext& context) {
  for (const KeyPairUse& key : KeyPairs(context.stack())) {
    std::string file = KeyPairFile(context, key.name);
    if (!FileExists(file)) continue;  // VO311's finding
    if (Status mode = CheckPrivateFileMode(file); !mode.ok()) {
      context.Report(key.at, key.subject, mode.message());
    }
  }
}

void CheckKeyPairFilePresent(RuleContext& context) {
  for (const KeyPairUse& key : KeyPairs(context.stack())) {
    std::string file = KeyPairFile(context, key.name);
    if (!FileExists(file)) {
      context.Report(key.at, key.subject,
                     "the private key of key pair '" + key.name + "' is not at " + file);
    }
  }
}

void CheckNoDevServersInProduction(RuleContext& context) {
  const spec::Stack& stack = context.stack();
  for (const spec::Environment& env : stack.environments) {
    if (!env.servers || !IsProduction(stack, env)) continue;
    for (const spec::DevServer& server : env.servers->dev_servers) {
      context.Report(
          server.location, Address(env.name, "dev_server", server.name),
          "dev server '" + server.name + "' is in production account '" + env.account + "'");
    }
  }
}

void CheckDetailedMonitoring(RuleContext& context) {
  for (const spec::Environment& env : context.stack().environments) {
    if (env.servers && !env.servers->detailed_monitoring) {
      context.Report(env.servers->At("detailed_monitoring"), Address(env.name, "servers"),
                     "the servers of '" + env.name + "' have five-minute metrics only");
    }
  }
}

}  // namespace vueops::lint
