// bucket: an S3 bucket (notes: "S3": "MPF uses a protected, public, and public-protected S3
// bucket. Buckets have no public access."). Its settings are resources of their own
// (bucket_setting.h); this type holds the bucket's existence, name and tags.
//
// Attributes:
//   name           string  replace   the global S3 name (the spec's, or <stack>-<env>-<key>)
//   force_destroy  bool    in place  vueops only, never sent to S3: the spec declares the
//                                    bucket's objects disposable, so destroying it needs no
//                                    --allow-destroy (the planner reads the recorded value).
//                                    Read reports the recorded value, so changing it is an
//                                    update that only rewrites state — set it and apply before
//                                    destroying, as with Terraform.
//   tags           object  in place  the environment's tags
// Outputs: id (name), arn, domain_name (<name>.s3.amazonaws.com), regional_domain_name
// (<name>.s3.<region>.amazonaws.com, what CloudFront's S3 origins with OAC use).
//
// Stateful: destroying a bucket loses its objects, so it needs --allow-destroy naming it (or
// force_destroy); Delete then empties it (every version and delete marker) and deletes it.
#include "resources/bucket_setting.h"
#include "resources/ec2_tags.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"name", UpdateMode::kReplace},
    {"force_destroy", UpdateMode::kInPlace},
    {"tags", UpdateMode::kInPlace},
};

// S3 API Reference, CreateBucket: "If you don't specify a Region, the bucket is created in
// the US East (N. Virginia) Region (us-east-1)", which takes no LocationConstraint.
constexpr std::string_view kDefaultBucketRegion = "us-east-1";
// S3 API Reference, DeleteObjects: "you can specify up to 1000 keys" per request.
constexpr int kMaxDeleteBatch = 1000;
// How long a new bucket may take to answer (S3 bucket operations are eventually consistent).
constexpr auto kBucketReadyTimeout = std::chrono::minutes(5);

Json Outputs(const std::string& name, const std::string& region) {
  return {{"id", name},
          {"arn", "arn:aws:s3:::" + name},
          {"domain_name", name + ".s3.amazonaws.com"},
          {"regional_domain_name", name + ".s3." + region + ".amazonaws.com"}};
}

std::string Region(ResourceContext& context) { return context.client().config().region; }

// The bucket's tags, or nullopt when the bucket is gone. One call: GetBucketTagging answers
// NoSuchBucket for a missing bucket and NoSuchTagSet for an untagged one.
Result<std::optional<Json>> ReadTags(ResourceContext& context, const std::string& bucket) {
  client::CallInfo info;
  Result<Json> output = context.Call("s3", "GetBucketTagging", {{"Bucket", bucket}}, &info);
  if (output.ok()) return std::optional<Json>(UserTags(output->value("TagSet", Json::array())));
  if (info.error && info.error->code == "NoSuchTagSet") return std::optional<Json>(Json::object());
  if (info.error && info.error->code == "NoSuchBucket") return std::optional<Json>();
  return output.status();
}

Status PutTags(ResourceContext& context, const std::string& bucket, const Json& user_tags) {
  return context
      .Call("s3", "PutBucketTagging",
            {{"Bucket", bucket}, {"Tagging", {{"TagSet", S3TagSet(context, user_tags)}}}})
      .status();
}

// Deletes every object version and delete marker, a page at a time.
Status EmptyBucket(ResourceContext& context, const std::string& bucket) {
  while (true) {
    ASSIGN_OR_RETURN(Json page, context.Call("s3", "ListObjectVersions",
                                             {{"Bucket", bucket}, {"MaxKeys", kMaxDeleteBatch}}));
    Json objects = Json::array();
    for (const char* list : {"Versions", "DeleteMarkers"}) {
      for (const Json& version : page.value(list, Json::array())) {
        objects.push_back(
            {{"Key", version.value("Key", "")}, {"VersionId", version.value("VersionId", "")}});
      }
    }
    if (objects.empty()) return Status::Ok();
    context.Progress("deleting " + std::to_string(objects.size()) + " object versions");
    ASSIGN_OR_RETURN(
        Json deleted,
        context.Call("s3", "DeleteObjects",
                     {{"Bucket", bucket}, {"Delete", {{"Objects", objects}, {"Quiet", true}}}}));
    const Json& errors = deleted.value("Errors", Json::array());
    if (!errors.empty()) {
      const Json& first = errors[0];
      return FailedPreconditionError(context.address() + ": could not delete " +
                                     std::to_string(errors.size()) + " objects of bucket " +
                                     bucket + ", first " + first.value("Key", "") + ": " +
                                     first.value("Code", "") + " " + first.value("Message", ""));
    }
  }
}

class BucketType : public ResourceType {
 public:
  std::string_view name() const override { return "bucket"; }
  std::string_view service() const override { return "s3"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }
  bool stateful() const override { return true; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    ASSIGN_OR_RETURN(std::optional<Json> tags, ReadTags(context, record.id));
    if (!tags) return NotFoundError(record.address + ": bucket " + record.id + " is gone");
    return Json{{"name", record.id},
                {"force_destroy", record.attributes.value("force_destroy", false)},
                {"tags", std::move(*tags)}};
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string&) const override {
    std::string bucket = desired.value("name", "");
    std::string region = Region(context);
    Json input = {{"Bucket", bucket}};
    if (region != kDefaultBucketRegion) {
      input["CreateBucketConfiguration"] = {{"LocationConstraint", region}};
    }
    client::CallInfo info;
    Result<Json> created = context.Call("s3", "CreateBucket", input, &info);
    // A create retried after a crash finds the bucket it made: S3 names are the idempotency.
    if (!created.ok() && !(info.error && info.error->code == "BucketAlreadyOwnedByYou")) {
      if (info.error && info.error->code == "BucketAlreadyExists") {
        return AlreadyExistsError(context.address() + ": the S3 bucket name '" + bucket +
                                  "' belongs to another AWS account (bucket names are global); "
                                  "give the bucket another name in the spec");
      }
      return created.status();
    }
    RETURN_IF_ERROR(PutTags(context, bucket, desired.value("tags", Json::object())));
    return Created{bucket, Outputs(bucket, region), Json::object()};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>& changed) const override {
    // force_destroy lives in state only: the applier records the desired value.
    if (std::find(changed.begin(), changed.end(), "tags") == changed.end()) return Status::Ok();
    return PutTags(context, record.id, desired.value("tags", Json::object()));
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    client::CallInfo info;
    Result<Json> versions =
        context.Call("s3", "ListObjectVersions", {{"Bucket", record.id}, {"MaxKeys", 1}}, &info);
    if (!versions.ok()) {
      if (info.error && info.error->code == "NoSuchBucket") return Status::Ok();
      return versions.status();
    }
    bool holds_objects = !versions->value("Versions", Json::array()).empty() ||
                         !versions->value("DeleteMarkers", Json::array()).empty();
    // The planner plans a bucket's destruction only when --allow-destroy names it or the spec
    // marks it force_destroy (a bucket is stateful): that is the consent to lose its objects.
    if (holds_objects) RETURN_IF_ERROR(EmptyBucket(context, record.id));
    Result<Json> deleted = context.Call("s3", "DeleteBucket", {{"Bucket", record.id}}, &info);
    if (!deleted.ok() && !(info.error && info.error->code == "NoSuchBucket")) {
      return deleted.status();
    }
    return Status::Ok();
  }

  // S3 bucket operations are eventually consistent: the settings that follow need the bucket
  // to answer first.
  Status WaitReady(ResourceContext& context, const state::ResourceRecord& record) const override {
    return context.Poll("bucket " + record.id + " to answer", kBucketReadyTimeout,
                        [&]() -> Result<bool> {
                          ASSIGN_OR_RETURN(std::optional<Json> tags, ReadTags(context, record.id));
                          return tags.has_value();
                        });
  }

  // By name: bucket names are global, so a bucket of that name this account can read is the
  // one a crashed create made (or the one `vueops import` adopts).
  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    std::string bucket = desired.value("name", "");
    client::CallInfo info;
    Result<Json> output = context.Call("s3", "GetBucketTagging", {{"Bucket", bucket}}, &info);
    Json tags = Json::object();
    if (output.ok()) {
      tags = UserTags(output->value("TagSet", Json::array()));
    } else if (!info.error) {
      return output.status();
    } else if (info.error->code == "NoSuchBucket" || info.error->code == "AccessDenied") {
      return std::optional<Found>();  // none, or another account's
    } else if (info.error->code != "NoSuchTagSet") {
      return output.status();
    }
    return std::optional<Found>(Found{bucket,
                                      Outputs(bucket, Region(context)),
                                      {{"name", bucket},
                                       {"force_destroy", desired.value("force_destroy", false)},
                                       {"tags", tags}}});
  }
};

}  // namespace

const ResourceType& Bucket() {
  static const BucketType* type = new BucketType();
  return *type;
}

}  // namespace vueops::resources
