// vueops backend bootstrap: the team state's home in the tools account (notes: "vueops - Tool
// state shared across accounts"), made once: a versioned, encrypted, private bucket, and the
// DynamoDB lock table when the spec asks for one.
#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/state_backend.h"
#include "spec/loader.h"

namespace vueops::cli {
namespace {

struct BackendArguments {
  std::string spec;
  bool json = false;
};

// One line of the report: what was checked and what was done.
struct Step {
  std::string what;
  std::string outcome;  // "created", "already so", "set"
};

bool HasCode(const client::CallInfo& info, std::initializer_list<const char*> codes) {
  if (!info.error.has_value()) return false;
  for (const char* code : codes) {
    if (info.error->code == code) return true;
  }
  return false;
}

Status EnsureBucket(client::AwsClient& aws, const std::string& bucket, const std::string& region,
                    std::vector<Step>* steps) {
  client::CallInfo info;
  Result<Json> head = aws.Call("s3", "HeadBucket", {{"Bucket", bucket}}, &info);
  if (head.ok()) {
    steps->push_back({"bucket " + bucket, "already exists"});
  } else if (info.http_status == 403) {
    return PermissionDeniedError("the bucket " + bucket +
                                 " exists but this account cannot reach it (another account "
                                 "owns it, or the role lacks s3:ListBucket); bucket names are "
                                 "global: choose another state.bucket");
  } else if (info.http_status == 404 || HasCode(info, {"NotFound", "NoSuchBucket", "404"})) {
    Json create = {{"Bucket", bucket}};
    // us-east-1 is the one region that takes no location constraint.
    if (region != "us-east-1") {
      create["CreateBucketConfiguration"] = {{"LocationConstraint", region}};
    }
    client::CallInfo created;
    Result<Json> made = aws.Call("s3", "CreateBucket", create, &created);
    if (!made.ok() && !HasCode(created, {"BucketAlreadyOwnedByYou"})) {
      return made.status().WithContext("cannot create the state bucket " + bucket);
    }
    steps->push_back({"bucket " + bucket + " in " + region, "created"});
  } else {
    return head.status().WithContext("cannot check the state bucket " + bucket);
  }

  RETURN_IF_ERROR(
      aws.Call("s3", "PutBucketVersioning",
               {{"Bucket", bucket}, {"VersioningConfiguration", {{"Status", "Enabled"}}}})
          .status()
          .WithContext("cannot turn on versioning of " + bucket));
  steps->push_back({"versioning (every state write is a version)", "enabled"});
  RETURN_IF_ERROR(aws.Call("s3", "PutBucketEncryption",
                           {{"Bucket", bucket},
                            {"ServerSideEncryptionConfiguration",
                             {{"Rules", Json::array({{{"ApplyServerSideEncryptionByDefault",
                                                       {{"SSEAlgorithm", "AES256"}}},
                                                      {"BucketKeyEnabled", true}}})}}}})
                      .status()
                      .WithContext("cannot set the default encryption of " + bucket));
  steps->push_back({"default encryption", "SSE-S3 (AES256)"});
  RETURN_IF_ERROR(aws.Call("s3", "PutPublicAccessBlock",
                           {{"Bucket", bucket},
                            {"PublicAccessBlockConfiguration",
                             {{"BlockPublicAcls", true},
                              {"IgnorePublicAcls", true},
                              {"BlockPublicPolicy", true},
                              {"RestrictPublicBuckets", true}}}})
                      .status()
                      .WithContext("cannot block public access to " + bucket));
  steps->push_back({"public access", "blocked"});
  Json policy = {
      {"Version", "2012-10-17"},
      {"Statement",
       Json::array(
           {{{"Sid", "DenyInsecureTransport"},
             {"Effect", "Deny"},
             {"Principal", "*"},
             {"Action", "s3:*"},
             {"Resource", Json::array({"arn:aws:s3:::" + bucket, "arn:aws:s3:::" + bucket + "/*"})},
             {"Condition", {{"Bool", {{"aws:SecureTransport", "false"}}}}}}})}};
  // Over plain http (a local emulator such as moto, which evaluates bucket policies) the
  // policy would shut vueops itself out.
  Result<client::Endpoint> endpoint = aws.ResolveEndpointFor("s3");
  if (endpoint.ok() && endpoint->url.rfind("http://", 0) == 0) {
    steps->push_back(
        {"bucket policy (TLS only)", "skipped: the endpoint " + endpoint->url + " is not TLS"});
    return Status::Ok();
  }
  RETURN_IF_ERROR(
      aws.Call("s3", "PutBucketPolicy", {{"Bucket", bucket}, {"Policy", DumpJson(policy)}})
          .status()
          .WithContext("cannot set the policy of " + bucket));
  steps->push_back({"bucket policy", "TLS only"});
  return Status::Ok();
}

Status EnsureLockTable(client::AwsClient& aws, const std::string& table, std::vector<Step>* steps) {
  client::CallInfo info;
  Result<Json> described = aws.Call("dynamodb", "DescribeTable", {{"TableName", table}}, &info);
  if (described.ok()) {
    steps->push_back({"lock table " + table, "already exists"});
    return Status::Ok();
  }
  if (!HasCode(info, {"ResourceNotFoundException"})) {
    return described.status().WithContext("cannot check the lock table " + table);
  }
  RETURN_IF_ERROR(
      aws.Call("dynamodb", "CreateTable",
               {{"TableName", table},
                {"AttributeDefinitions",
                 Json::array({{{"AttributeName", "LockID"}, {"AttributeType", "S"}}})},
                {"KeySchema", Json::array({{{"AttributeName", "LockID"}, {"KeyType", "HASH"}}})},
                {"BillingMode", "PAY_PER_REQUEST"}})
          .status()
          .WithContext("cannot create the lock table " + table));
  RETURN_IF_ERROR(aws.Wait("dynamodb", "TableExists", {{"TableName", table}})
                      .WithContext("the lock table " + table + " did not become active"));
  steps->push_back({"lock table " + table + " (hash key LockID)", "created"});
  return Status::Ok();
}

int RunBootstrap(const BackendArguments& args, const GlobalOptions& globals, const Output& output) {
  auto fail = [&output](const std::string& message) {
    std::fprintf(output.err, "vueops backend bootstrap: %s\n", message.c_str());
    return kExitFailure;
  };
  const std::string path = args.spec.empty() ? DefaultSpecPath() : args.spec;
  spec::LoadResult loaded = spec::LoadStack(path);
  if (!loaded.ok()) {
    std::fputs(RenderDiagnostics(loaded.diagnostics, {.color = output.color_err}).c_str(),
               output.err);
    return fail(path + ": invalid spec (" + SummarizeDiagnostics(loaded.diagnostics) + ")");
  }
  const spec::Stack& stack = *loaded.stack;
  Result<std::unique_ptr<client::DefaultClient>> client = MakeCommandClient(globals, output);
  if (!client.ok()) return fail(client.status().message());
  Result<std::unique_ptr<StateBackend>> backend = StateBackend::Connect(stack, **client, output);
  if (!backend.ok()) return fail(backend.status().message());
  std::vector<Step> steps;
  Status made =
      EnsureBucket((*backend)->client(), (*backend)->bucket(), (*backend)->region(), &steps);
  if (made.ok() && stack.state.lock == "dynamodb") {
    made = EnsureLockTable((*backend)->client(), stack.state.dynamodb_table, &steps);
  }
  if (args.json) {
    Json report = {{"backend", (*backend)->where()}, {"ok", made.ok()}, {"steps", Json::array()}};
    for (const Step& step : steps) {
      report["steps"].push_back({{"what", step.what}, {"outcome", step.outcome}});
    }
    if (!made.ok()) report["error"] = made.message();
    std::fputs((DumpJson(report, 2) + "\n").c_str(), output.out);
    return made.ok() ? kExitOk : kExitFailure;
  }
  for (const Step& step : steps) {
    std::fprintf(output.out, "  %-52s %s\n", step.what.c_str(), step.outcome.c_str());
  }
  if (!made.ok()) return fail(made.message());
  std::fprintf(output.out,
               "\nThe team backend %s is ready (lock: %s).\nMove a local state there with: "
               "vueops state push\n",
               (*backend)->where().c_str(),
               stack.state.lock == "dynamodb"
                   ? ("DynamoDB table " + stack.state.dynamodb_table).c_str()
                   : "S3 conditional write");
  return kExitOk;
}

}  // namespace

CLI::App* RegisterBackendCommand(CLI::App& app, const GlobalOptions& globals, const Output& output,
                                 CommandRunner* run) {
  auto* command = app.add_subcommand("backend", "Set up where the team keeps state (S3)");
  command->require_subcommand(1);
  command->footer(
      "The team backend is the spec's state: {backend: s3, ...} (docs/operations.md, \"Team "
      "state\").\n\nExample:\n  vueops backend bootstrap examples/vueocity\n");
  auto args = std::make_shared<BackendArguments>();
  auto* bootstrap = command->add_subcommand(
      "bootstrap", "Create the spec's state bucket (and lock table) if absent, safely configured");
  bootstrap->add_option("path", args->spec, "The spec (file or folder)")
      ->default_str("$VUEOPS_SPEC or ./stack.yaml");
  bootstrap->add_flag("--json", args->json, "Machine-readable report");
  bootstrap->footer(
      "Reads the spec's state: {backend: s3, bucket, key, region, account, role, lock}. In the\n"
      "state's account (assuming state.role there) it makes the bucket if absent and sets, every\n"
      "time: versioning on, default encryption (SSE-S3), every public access blocked, and a\n"
      "policy refusing requests without TLS. With lock: dynamodb it also makes the lock table\n"
      "(hash key LockID, on-demand). Running it again changes nothing that is already so.\n\n"
      "Examples:\n  vueops backend bootstrap\n"
      "  vueops --profile vueops-admin backend bootstrap examples/vueocity --json\n");
  *run = [args, &globals, &output]() { return RunBootstrap(*args, globals, output); };
  return command;
}

}  // namespace vueops::cli
