// One environment (prod, dev, test, a sandbox): everything the notes put in one account.
#ifndef VUEOPS_SPEC_ENVIRONMENT_H_
#define VUEOPS_SPEC_ENVIRONMENT_H_

#include <optional>
#include <string>
#include <vector>

#include "spec/data_stores.h"
#include "spec/edge.h"
#include "spec/element.h"
#include "spec/mail.h"
#include "spec/network.h"
#include "spec/servers.h"
#include "spec/storage.h"

namespace vueops::spec {

struct DevopsIp : Element {
  Cidr cidr;
};

// notes, Access notes: "MPF assumes 1 AWS access key will be used for all access to
// services" (FUTURE SECURE). vueops defaults to the servers' instance role instead.
enum class AppCredentials { kInstanceRole, kSharedKey };

struct Environment : Element {
  std::string name;
  std::string account;
  std::string template_name;  // the template it was instantiated from, if any
  std::string region;
  std::vector<std::string> availability_zones;  // full names, e.g. us-west-2a
  std::vector<DevopsIp> devops_ips;  // notes: "22 -- from DevOps IPs that can deploy"
  AppCredentials app_credentials = AppCredentials::kInstanceRole;
  std::string app_key_user;          // kSharedKey: the IAM user whose key MPF uses
  Network network;
  std::vector<SecurityGroup> security_groups;
  std::optional<Servers> servers;
  std::optional<Database> database;
  std::optional<Cache> cache;
  std::optional<LoadBalancer> load_balancer;
  std::vector<Certificate> certificates;
  std::vector<Bucket> buckets;
  std::optional<Cdn> cdn;
  std::optional<Mail> mail;
  std::optional<Dns> dns;
  std::vector<Secret> secrets;
  std::vector<std::pair<std::string, std::string>> tags;

  const SecurityGroup* FindSecurityGroup(std::string_view name) const;
  const Bucket* FindBucket(std::string_view key) const;
  const Certificate* FindCertificate(std::string_view name) const;
  const Secret* FindSecret(std::string_view name) const;
};

}  // namespace vueops::spec

#endif  // VUEOPS_SPEC_ENVIRONMENT_H_
