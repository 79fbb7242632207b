#include "audit/live_inventory.h"

#include <algorithm>
#include <functional>
#include <mutex>
#include <thread>

#include "audit/json_fields.h"

namespace vueops::audit {
namespace {

// Runs `tasks` on up to `threads` threads; returns when all are done.
void RunAll(const std::vector<std::function<void()>>& tasks, int threads) {
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < tasks.size(); i = next++) tasks[i]();
  };
  size_t count = std::min<size_t>(tasks.size(), static_cast<size_t>(std::max(threads, 1)));
  std::vector<std::thread> pool;
  for (size_t i = 1; i < count; ++i) pool.emplace_back(worker);
  worker();
  for (std::thread& thread : pool) thread.join();
}

// The calls of one account, counted, with what could not be read collected.
class Reader {
 public:
  explicit Reader(client::AwsClient& client) : client_(client) {}

  // The answer; null when AWS answers with one of `absent` (the object has no such setting),
  // or on any other error, which is recorded as unreadable.
  Json Get(std::string_view service, std::string_view operation, const Json& input,
           const std::string& what, std::initializer_list<std::string_view> absent = {}) {
    ++calls_;
    client::CallInfo info;
    Result<Json> answer = client_.Call(service, operation, input, &info);
    if (answer.ok()) return std::move(answer).value();
    if (info.error && std::find(absent.begin(), absent.end(), info.error->code) != absent.end()) {
      return Json();
    }
    Unreadable(std::string(service) + " " + std::string(operation) +
               (what.empty() ? "" : " " + what) + ": " + answer.status().message());
    return Json();
  }

  // Every page (a paginated list counts as one call per page it takes, at least one).
  Json GetAll(std::string_view service, std::string_view operation, const Json& input,
              const std::string& what = "") {
    Json merged;
    Status status = client_.ForEachPage(service, operation, input, [&](const Json& page) {
      ++calls_;
      if (merged.is_null()) {
        merged = page;
        return Status::Ok();
      }
      for (auto& [key, value] : page.items()) {
        if (value.is_array() && merged[key].is_array()) {
          for (const Json& item : value) merged[key].push_back(item);
        }
      }
      return Status::Ok();
    });
    if (!status.ok()) {
      ++calls_;
      Unreadable(std::string(service) + " " + std::string(operation) +
                 (what.empty() ? "" : " " + what) + ": " + status.message());
      std::lock_guard<std::mutex> lock(mutex_);
      if (first_failure_.ok()) first_failure_ = status;
      return Json();
    }
    return merged;
  }

  void Unreadable(std::string what) {
    std::lock_guard<std::mutex> lock(mutex_);
    unreadable_.push_back(std::move(what));
  }

  size_t calls() const { return calls_; }
  size_t UnreadableCount() {
    std::lock_guard<std::mutex> lock(mutex_);
    return unreadable_.size();
  }
  std::vector<std::string> TakeUnreadable() {
    std::sort(unreadable_.begin(), unreadable_.end());
    return std::move(unreadable_);
  }
  const Status& first_failure() const { return first_failure_; }

 private:
  client::AwsClient& client_;
  std::atomic<size_t> calls_{0};
  std::mutex mutex_;
  std::vector<std::string> unreadable_;
  Status first_failure_ = Status::Ok();
};

Json ArrayOr(const Json& value) { return value.is_array() ? value : Json::array(); }

// {"key": "value"} from [{"Key": k, "Value": v}, ...].
Json TagMap(const Json& tags) {
  Json map = Json::object();
  for (const Json& tag : ArrayOr(tags)) map[Text(tag, "Key")] = Text(tag, "Value");
  return map;
}

// S3's "no such setting" answers, per setting.
constexpr std::string_view kNoPublicAccessBlock = "NoSuchPublicAccessBlockConfiguration";
constexpr std::string_view kNoLifecycle = "NoSuchLifecycleConfiguration";
constexpr std::string_view kNoPolicy = "NoSuchBucketPolicy";
constexpr std::string_view kNoReplication = "ReplicationConfigurationNotFoundError";

void ReadBucket(Reader& reader, LiveBucket& bucket) {
  const Json input = {{"Bucket", bucket.name}};
  const std::string& what = bucket.name;
  bucket.public_access_block =
      Member(reader.Get("s3", "GetPublicAccessBlock", input, what, {kNoPublicAccessBlock}),
             "PublicAccessBlockConfiguration");
  bucket.versioning = reader.Get("s3", "GetBucketVersioning", input, what);
  bucket.lifecycle_rules = ArrayOr(Member(
      reader.Get("s3", "GetBucketLifecycleConfiguration", input, what, {kNoLifecycle}), "Rules"));
  std::string policy =
      Text(reader.Get("s3", "GetBucketPolicy", input, what, {kNoPolicy}), "Policy");
  if (!policy.empty()) {
    Result<Json> parsed = ParseJson(policy);
    bucket.policy = parsed.ok() ? std::move(parsed).value() : Json();
  }
  bucket.logging = Member(reader.Get("s3", "GetBucketLogging", input, what), "LoggingEnabled");
  bucket.replication =
      Member(reader.Get("s3", "GetBucketReplication", input, what, {kNoReplication}),
             "ReplicationConfiguration");
}

}  // namespace

size_t LiveAccount::ObjectCount() const {
  return security_groups.size() + vpcs.size() + launch_templates.size() + db_instances.size() +
         replication_groups.size() + load_balancers.size() + buckets.size() + distributions.size() +
         users.size() + roles.size() + zones.size();
}

std::string LiveAccount::Arn(std::string_view service, std::string_view resource,
                             bool regional) const {
  return "arn:" + partition + ":" + std::string(service) + ":" + (regional ? region : "") + ":" +
         account_id + ":" + std::string(resource);
}

Result<LiveAccount> CollectAccount(client::AwsClient& client, std::string account,
                                   std::string account_id, const CollectOptions& options) {
  LiveAccount live;
  live.account = std::move(account);
  live.account_id = std::move(account_id);
  live.region = client.config().region;
  if (live.region.starts_with("cn-")) live.partition = "aws-cn";
  if (live.region.starts_with("us-gov-")) live.partition = "aws-us-gov";
  Reader reader(client);

  // First the lists, in parallel; then what each listed object needs read on its own.
  Json templates, load_balancers, buckets, distributions, users, zones;
  std::vector<std::function<void()>> lists = {
      [&] {
        live.security_groups = ArrayOr(Member(
            reader.GetAll("ec2", "DescribeSecurityGroups", Json::object()), "SecurityGroups"));
      },
      [&] {
        live.vpcs = ArrayOr(Member(reader.GetAll("ec2", "DescribeVpcs", Json::object()), "Vpcs"));
      },
      [&] {
        live.flow_logs =
            ArrayOr(Member(reader.GetAll("ec2", "DescribeFlowLogs", Json::object()), "FlowLogs"));
      },
      [&] {
        templates = ArrayOr(Member(reader.GetAll("ec2", "DescribeLaunchTemplates", Json::object()),
                                   "LaunchTemplates"));
      },
      [&] {
        live.db_instances = ArrayOr(
            Member(reader.GetAll("rds", "DescribeDBInstances", Json::object()), "DBInstances"));
      },
      [&] {
        live.replication_groups = ArrayOr(
            Member(reader.GetAll("elasticache", "DescribeReplicationGroups", Json::object()),
                   "ReplicationGroups"));
      },
      [&] {
        load_balancers = ArrayOr(Member(
            reader.GetAll("elbv2", "DescribeLoadBalancers", Json::object()), "LoadBalancers"));
      },
  };
  if (options.global_services) {
    lists.insert(
        lists.end(),
        {
            [&] {
              buckets =
                  ArrayOr(Member(reader.Get("s3", "ListBuckets", Json::object(), ""), "Buckets"));
            },
            [&] {
              distributions = ArrayOr(
                  Member(Member(reader.GetAll("cloudfront", "ListDistributions", Json::object()),
                                "DistributionList"),
                         "Items"));
            },
            [&] {
              users = ArrayOr(Member(reader.GetAll("iam", "ListUsers", Json::object()), "Users"));
            },
            [&] {
              live.roles =
                  ArrayOr(Member(reader.GetAll("iam", "ListRoles", Json::object()), "Roles"));
            },
            [&] {
              zones = ArrayOr(Member(reader.GetAll("route53", "ListHostedZones", Json::object()),
                                     "HostedZones"));
            },
        });
  }
  RunAll(lists, options.parallelism);
  if (reader.UnreadableCount() == lists.size()) {
    // Not one list could be read: the role is refused or the endpoint is down.
    return Status(reader.first_failure().code(),
                  "nothing in " + live.account + " (" + live.account_id +
                      ") could be read: " + reader.first_failure().message());
  }
  Reader details(client);

  std::vector<std::function<void()>> reads;
  live.launch_templates = Json::array();
  std::vector<Json> template_versions(templates.size());
  for (size_t i = 0; i < templates.size(); ++i) {
    reads.push_back([&, i] {
      std::string id = Text(templates[i], "LaunchTemplateId");
      Json answer = details.Get("ec2", "DescribeLaunchTemplateVersions",
                                {{"LaunchTemplateId", id}, {"Versions", {"$Latest"}}}, id);
      const Json& versions = Member(answer, "LaunchTemplateVersions");
      if (versions.is_array() && !versions.empty()) template_versions[i] = versions.front();
    });
  }
  live.load_balancers.resize(load_balancers.size());
  for (size_t i = 0; i < load_balancers.size(); ++i) {
    LiveLoadBalancer& balancer = live.load_balancers[i];
    balancer.description = load_balancers[i];
    std::string arn = Text(balancer.description, "LoadBalancerArn");
    reads.push_back([&, arn] {
      balancer.listeners = ArrayOr(
          Member(details.GetAll("elbv2", "DescribeListeners", {{"LoadBalancerArn", arn}}, arn),
                 "Listeners"));
    });
    reads.push_back([&, arn] {
      Json answer =
          details.Get("elbv2", "DescribeLoadBalancerAttributes", {{"LoadBalancerArn", arn}}, arn);
      balancer.attributes = Json::object();
      for (const Json& attribute : ArrayOr(Member(answer, "Attributes"))) {
        balancer.attributes[Text(attribute, "Key")] = Text(attribute, "Value");
      }
    });
  }
  live.buckets.resize(buckets.size());
  for (size_t i = 0; i < buckets.size(); ++i) {
    live.buckets[i].name = Text(buckets[i], "Name");
    reads.push_back([&, i] { ReadBucket(details, live.buckets[i]); });
  }
  live.distributions.resize(distributions.size());
  for (size_t i = 0; i < distributions.size(); ++i) {
    LiveDistribution& distribution = live.distributions[i];
    distribution.arn = Text(distributions[i], "ARN");
    distribution.id = Text(distributions[i], "Id");
    reads.push_back([&] {
      distribution.config = Member(details.Get("cloudfront", "GetDistributionConfig",
                                               {{"Id", distribution.id}}, distribution.id),
                                   "DistributionConfig");
    });
    reads.push_back([&] {
      distribution.tags =
          TagMap(Member(Member(details.Get("cloudfront", "ListTagsForResource",
                                           {{"Resource", distribution.arn}}, distribution.id),
                               "Tags"),
                        "Items"));
    });
  }
  live.users.resize(users.size());
  for (size_t i = 0; i < users.size(); ++i) {
    LiveUser& user = live.users[i];
    user.user = users[i];
    Json input = {{"UserName", Text(user.user, "UserName")}};
    std::string name = Text(user.user, "UserName");
    reads.push_back([&, input, name] {
      user.access_keys = ArrayOr(
          Member(details.GetAll("iam", "ListAccessKeys", input, name), "AccessKeyMetadata"));
    });
    reads.push_back([&, input, name] {
      user.attached_policies = ArrayOr(Member(
          details.GetAll("iam", "ListAttachedUserPolicies", input, name), "AttachedPolicies"));
    });
    reads.push_back([&, input, name] {
      user.inline_policies =
          ArrayOr(Member(details.GetAll("iam", "ListUserPolicies", input, name), "PolicyNames"));
    });
  }
  for (Json& role : live.roles) {
    std::string name = Text(role, "RoleName");
    const std::vector<std::string>& wanted = options.role_policies;
    if (std::find(wanted.begin(), wanted.end(), name) == wanted.end()) continue;
    reads.push_back([&, name] {
      role["AttachedPolicies"] = Items(
          Member(details.GetAll("iam", "ListAttachedRolePolicies", {{"RoleName", name}}, name),
                 "AttachedPolicies"));
    });
    reads.push_back([&, name] {
      role["PolicyNames"] = Items(Member(
          details.GetAll("iam", "ListRolePolicies", {{"RoleName", name}}, name), "PolicyNames"));
    });
  }
  live.zones.resize(zones.size());
  for (size_t i = 0; i < zones.size(); ++i) {
    LiveZone& zone = live.zones[i];
    zone.zone = zones[i];
    std::string id = Text(zone.zone, "Id");
    reads.push_back([&, id] {
      zone.records = ArrayOr(
          Member(details.GetAll("route53", "ListResourceRecordSets", {{"HostedZoneId", id}}, id),
                 "ResourceRecordSets"));
    });
  }
  RunAll(reads, options.parallelism);
  for (Json& version : template_versions) {
    if (!version.is_null()) live.launch_templates.push_back(std::move(version));
  }

  live.api_calls = reader.calls() + details.calls();
  std::vector<std::string> unreadable = reader.TakeUnreadable();
  std::vector<std::string> more = details.TakeUnreadable();
  unreadable.insert(unreadable.end(), more.begin(), more.end());
  live.unreadable = std::move(unreadable);
  return live;
}

}  // namespace vueops::audit
