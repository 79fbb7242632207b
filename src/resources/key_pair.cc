// key_pair: the EC2 key pair the environment's servers are launched with (notes: "EC2 key
// pairs control SSH access to individual servers ... Private key must be available in:
// .secrets/vueocity/*keyname*.pem").
//
// Create makes the pair and writes its private key to private_key_path (mode 0600), the one
// moment AWS hands it out; the key never reaches state or a plan. When the .pem already
// exists, its public half is imported instead (ImportKeyPair), so a key kept by the operators
// survives the key pair being deleted; when the key pair exists but the .pem does not, Create
// refuses, saying so. Delete removes the key pair and leaves the .pem to its owners.
//
// Attributes:
//   name              string  replace   the key pair's name (its id)
//   key_type          string  replace   rsa or ed25519
//   private_key_path  string  create    where the private key is written (never read back)
//   tags              object  in place
// Outputs: id (the name), fingerprint.
#include "base/file.h"
#include "model/base64.h"
#include "resources/ec2_support.h"
#include "resources/ec2_tags.h"
#include "resources/ssh_public_key.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"name", UpdateMode::kReplace},
    {"key_type", UpdateMode::kReplace},
    {"private_key_path", UpdateMode::kCreateOnly},
    {"tags", UpdateMode::kInPlace},
};

// ssh refuses a private key others can read; the folder is the operators' alone too.
constexpr mode_t kPrivateKeyMode = 0600;
constexpr mode_t kSecretsDirectoryMode = 0700;
// A PEM private key is a few kilobytes; anything far larger is not one.
constexpr uint64_t kMaxPrivateKeyBytes = 64 * 1024;

Json Attributes(const Json& key) {
  return {{"name", key.value("KeyName", "")},
          {"key_type", key.value("KeyType", "rsa")},
          {"tags", UserTags(key.value("Tags", Json()))}};
}

Json Outputs(const Json& key) {
  return {{"id", key.value("KeyName", "")}, {"fingerprint", key.value("KeyFingerprint", "")}};
}

DescribeBatch Batch() {
  return {.operation = "DescribeKeyPairs",
          .filter = "key-name",
          .list_member = "KeyPairs",
          .id_member = "KeyName",
          .noun = "key pair",
          .attributes = [](const Json& key, const state::ResourceRecord&) {
            return Attributes(key);
          }};
}

// The key pair named `name` (with its public key), or nullopt.
Result<std::optional<Json>> Describe(ResourceContext& context, const std::string& name) {
  ASSIGN_OR_RETURN(Json output, context.Call("ec2", "DescribeKeyPairs",
                                             {{"Filters", {{{"Name", "key-name"},
                                                            {"Values", {name}}}}},
                                              {"IncludePublicKey", true}}));
  const Json& keys = output["KeyPairs"];
  if (!keys.is_array() || keys.empty()) return std::optional<Json>();
  return std::optional<Json>(keys[0]);
}

// Writes the private key AWS generated. Refuses to replace a different file: that may be the
// only copy of another key.
Status WritePrivateKey(const std::string& path, const std::string& material) {
  if (FileExists(path)) {
    ASSIGN_OR_RETURN(std::string existing, ReadFile(path, kMaxPrivateKeyBytes));
    if (existing == material) return Status::Ok();
    return AlreadyExistsError(path + " exists and holds another key; vueops does not overwrite "
                                     "a private key");
  }
  RETURN_IF_ERROR(MakeDirectories(DirectoryOf(path), kSecretsDirectoryMode));
  return WriteFileAtomic(path, material, kPrivateKeyMode);
}

class KeyPairType : public ResourceType {
 public:
  std::string_view name() const override { return "key_pair"; }
  std::string_view service() const override { return "ec2"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    return DescribeRecord(context, record, Batch());
  }

  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override {
    return DescribeRecords(context, records, Batch());
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string&) const override {
    std::string key_name = desired.value("name", "");
    std::string path = desired.value("private_key_path", "");
    if (path.empty()) {
      return InvalidArgumentError(context.address() + ": no private_key_path to keep the key in");
    }
    ASSIGN_OR_RETURN(std::optional<Json> existing, Describe(context, key_name));
    bool have_private_key = FileExists(path);
    if (existing) {
      if (!have_private_key) {
        return FailedPreconditionError(
            context.address() + ": key pair '" + key_name + "' already exists in AWS, but its " +
            "private key " + path + " is missing, and AWS never hands a private key out again. " +
            "Put the .pem there, or delete the key pair (aws ec2 delete-key-pair --key-name " +
            key_name + ") so that vueops makes a new one");
      }
      return Adopt(context, desired, *existing, path);
    }
    if (have_private_key) return Import(context, desired, path);
    ASSIGN_OR_RETURN(Json output,
                     context.Call("ec2", "CreateKeyPair",
                                  {{"KeyName", key_name},
                                   {"KeyType", desired.value("key_type", "rsa")},
                                   {"KeyFormat", "pem"},
                                   {"TagSpecifications",
                                    TagSpecificationsFor(context, "key-pair", desired)}}));
    Status written = WritePrivateKey(path, output.value("KeyMaterial", ""));
    if (!written.ok()) {
      // A key pair whose private key is lost cannot be used: remove it, so that the next
      // apply makes a new one.
      context.Call("ec2", "DeleteKeyPair", {{"KeyName", key_name}}).status().IgnoreError();
      return written.WithContext(context.address() + ": the private key could not be saved");
    }
    return Created{key_name, Outputs(output), Json::object()};
  }

  Status Update(ResourceContext& context, const state::ResourceRecord& record, const Json& desired,
                const std::vector<std::string>&) const override {
    ASSIGN_OR_RETURN(std::optional<Json> key, Describe(context, record.id));
    if (!key) return NotFoundError(context.address() + ": key pair " + record.id + " is gone");
    return SyncTags(context, key->value("KeyPairId", ""), UserTags(key->value("Tags", Json())),
                    desired.value("tags", Json::object()));
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    // DeleteKeyPair succeeds for a name that does not exist.
    return DeleteIgnoringGone(context, "ec2", "DeleteKeyPair", {{"KeyName", record.id}},
                              {"InvalidKeyPair.NotFound"});
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    ASSIGN_OR_RETURN(std::optional<Json> key, Describe(context, desired.value("name", "")));
    if (!key) return std::optional<Found>();
    return std::optional<Found>(
        Found{key->value("KeyName", ""), Outputs(*key), Attributes(*key)});
  }

 private:
  // The key pair exists and so does the .pem: take it over, if the .pem is its private key.
  static Result<Created> Adopt(ResourceContext& context, const Json& desired, const Json& key,
                               const std::string& path) {
    ASSIGN_OR_RETURN(std::string local, LocalPublicKey(context, path));
    std::string remote = key.value("PublicKey", "");
    if (!remote.empty() && WithoutComment(remote) != local) {
      return FailedPreconditionError(context.address() + ": " + path +
                                     " is not the private key of key pair '" +
                                     key.value("KeyName", "") + "'");
    }
    RETURN_IF_ERROR(context
                        .Call("ec2", "CreateTags",
                              {{"Resources", {key.value("KeyPairId", "")}},
                               {"Tags", TagListFor(context, desired)}})
                        .status());
    return Created{key.value("KeyName", ""), Outputs(key), Json::object()};
  }

  // The .pem exists but the key pair does not: import its public half.
  static Result<Created> Import(ResourceContext& context, const Json& desired,
                                const std::string& path) {
    ASSIGN_OR_RETURN(std::string public_key, LocalPublicKey(context, path));
    // PublicKeyMaterial is a blob: the client takes blobs as base64, as the AWS CLI does.
    ASSIGN_OR_RETURN(Json output,
                     context.Call("ec2", "ImportKeyPair",
                                  {{"KeyName", desired.value("name", "")},
                                   {"PublicKeyMaterial", model::Base64Encode(public_key)},
                                   {"TagSpecifications",
                                    TagSpecificationsFor(context, "key-pair", desired)}}));
    return Created{output.value("KeyName", ""), Outputs(output), Json::object()};
  }

  static Result<std::string> LocalPublicKey(ResourceContext& context, const std::string& path) {
    ASSIGN_OR_RETURN(std::string pem, ReadFile(path, kMaxPrivateKeyBytes));
    Result<std::string> public_key = OpenSshPublicKey(pem);
    if (!public_key.ok()) return public_key.status().WithContext(context.address() + ": " + path);
    return public_key;
  }
};

}  // namespace

const ResourceType& KeyPair() {
  static const KeyPairType* type = new KeyPairType();
  return *type;
}

}  // namespace vueops::resources
