// EC2 (notes: "EC2", "EC2 key pairs", "Access notes"): launch templates and autoscaling
// groups per server profile (FOH, BOH, FT), the key pair, the servers' instance role, and
// dev servers launched from the same templates.
#ifndef VUEOPS_SPEC_SERVERS_H_
#define VUEOPS_SPEC_SERVERS_H_

#include <optional>
#include <string>
#include <vector>

#include "spec/element.h"
#include "spec/organization.h"

namespace vueops::spec {

struct Capacity : Element {
  int min = 1;
  int max = 1;
  int desired = 1;
};

// How an autoscaling group mixes on-demand and spot instances
// (MixedInstancesPolicy.InstancesDistribution).
struct Purchase : Element {
  int on_demand_base = 0;
  int on_demand_percent_above_base = 100;
  std::string spot_allocation = "price-capacity-optimized";
};

struct ScheduledAction : Element {
  std::string name;
  std::string recurrence;  // cron, UTC
  std::optional<int> min, max, desired;
};

struct ServerProfile : Element {
  std::string name;  // FOH, BOH, FT
  std::string ami;   // overrides servers.ami
  std::vector<std::string> instance_types;
  std::string user_data_file;  // cloud-init, relative to the spec's folder
  std::string user_data;       // the file's contents, read at load time
  Capacity capacity;
  Purchase purchase;
  // The load-balancer target group the profile's ASG registers with; empty when the
  // profile serves no traffic (serves_traffic: false).
  std::string target_group;
  bool serves_traffic = true;
  // uWSGI processes per server: sizes the database's max_connections.
  int uwsgi_processes = 4;
  int health_check_grace_seconds = 300;
  std::vector<ScheduledAction> schedule;
  std::optional<int> cpu_target_percent;  // target-tracking scaling
};

struct InstanceRole : Element {
  std::vector<std::string> managed_policies;
  std::optional<PolicyDocument> policy;
  // notes FUTURE SECURE: "a broad role is used for servers now, can tighten later".
  // true = the broad role the notes use today (a lint warning); false = vueops's narrow role
  // (the environment's buckets, secrets, SES and read-only EC2 metadata).
  bool broad = false;
};

struct DevServer : Element {
  std::string name;
  std::string profile;     // whose launch template it uses
  std::string instance_type;
  std::string elastic_ip;  // dns.elastic_ips entry that names it ("dev1.vueocity.com")
};

struct Servers : Element {
  std::string ami;
  std::string key_pair;  // notes: .secrets/vueocity/<key_pair>.pem must hold the private key
  std::string placement = "private";  // "private" or "public" subnets
  std::vector<std::string> security_groups = {"servers"};
  InstanceRole instance_role;
  bool detailed_monitoring = true;
  bool imdsv2_required = true;
  int metadata_hop_limit = 2;  // 2 lets containers on the host reach IMDSv2
  int root_volume_gb = 30;
  std::string root_volume_type = "gp3";
  bool root_volume_encrypted = true;
  bool associate_public_ip = false;
  std::vector<ServerProfile> profiles;
  std::vector<DevServer> dev_servers;

  const ServerProfile* FindProfile(std::string_view name) const;
};

}  // namespace vueops::spec

#endif  // VUEOPS_SPEC_SERVERS_H_
