// vueops whoami: who the AWS credentials say you are, and how vueops found them.
#include <CLI/CLI.hpp>

#include "base/json.h"
#include "cli/commands.h"
#include "client/default_client.h"

namespace vueops::cli {
namespace {

struct Identity {
  Json caller;  // GetCallerIdentity: UserId, Account, Arn
  std::string profile;
  std::string profile_source;
  std::string credentials;        // Credentials::Describe(): no secret, the key id abbreviated
  std::string credentials_chain;  // Credentials::source
  std::string region;
  std::string region_source;
  std::string endpoint;
  std::string endpoint_source;
};

std::string ProfileSource(const auth::AwsConfig& config) {
  if (config.profile_is_explicit()) return "--profile";
  if (config.profile_was_chosen()) return "AWS_PROFILE";
  return "default";
}

std::string Text(const Json& object, const char* member) {
  auto found = object.find(member);
  return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}

void PrintHuman(const Identity& identity, FILE* out) {
  auto line = [out](const char* label, const std::string& value, const std::string& source) {
    std::fprintf(out, "%-12s %s%s\n", label, value.empty() ? "(none)" : value.c_str(),
                 source.empty() ? "" : (" (" + source + ")").c_str());
  };
  line("Account:", Text(identity.caller, "Account"), "");
  line("ARN:", Text(identity.caller, "Arn"), "");
  line("User ID:", Text(identity.caller, "UserId"), "");
  line("Credentials:", identity.credentials, "");
  line("Profile:", identity.profile, identity.profile_source);
  line("Region:", identity.region, identity.region_source);
  line("Endpoint:", identity.endpoint, identity.endpoint_source);
}

Json ToJson(const Identity& identity) {
  return Json{
      {"Account", Text(identity.caller, "Account")},     {"Arn", Text(identity.caller, "Arn")},
      {"UserId", Text(identity.caller, "UserId")},       {"Credentials", identity.credentials},
      {"CredentialsSource", identity.credentials_chain}, {"Profile", identity.profile},
      {"ProfileSource", identity.profile_source},        {"Region", identity.region},
      {"RegionSource", identity.region_source},          {"Endpoint", identity.endpoint},
      {"EndpointSource", identity.endpoint_source}};
}

int RunWhoami(bool json, const GlobalOptions& globals, const Output& output) {
  client::DefaultClientOptions options;
  options.profile = globals.profile;
  options.region = globals.region;
  options.endpoint_url = globals.endpoint_url;
  options.notes = [&output](std::string_view note) {
    std::fprintf(output.err, "vueops: note: %.*s\n", static_cast<int>(note.size()), note.data());
  };
  Result<std::unique_ptr<client::DefaultClient>> wiring = client::MakeDefaultClient(options);
  if (!wiring.ok()) {
    std::fprintf(output.err, "vueops whoami: %s\n", wiring.status().message().c_str());
    return kExitFailure;
  }
  client::AwsClient& aws = (*wiring)->client();
  Identity identity;
  identity.profile = (*wiring)->aws_config().profile_name();
  identity.profile_source = ProfileSource((*wiring)->aws_config());
  identity.region = aws.config().region;
  identity.region_source = (*wiring)->region_source();
  if (Result<client::Endpoint> endpoint = aws.ResolveEndpointFor("sts"); endpoint.ok()) {
    identity.endpoint = endpoint->url;
    identity.endpoint_source = endpoint->source == "default" ? "AWS's own" : endpoint->source;
  }
  Result<auth::Credentials> credentials = aws.Credentials();
  if (!credentials.ok()) {
    std::fprintf(output.err, "vueops whoami: %s\n", credentials.status().message().c_str());
    return kExitFailure;
  }
  identity.credentials = credentials->Describe();
  identity.credentials_chain = credentials->source;
  Result<Json> caller = aws.Call("sts", "GetCallerIdentity", Json::object());
  if (!caller.ok()) {
    std::fprintf(output.err, "vueops whoami: %s\n(credentials: %s)\n",
                 caller.status().message().c_str(), identity.credentials.c_str());
    return kExitFailure;
  }
  identity.caller = std::move(*caller);
  if (json) {
    std::string text = DumpJson(ToJson(identity), 2) + "\n";
    std::fputs(text.c_str(), output.out);
  } else {
    PrintHuman(identity, output.out);
  }
  return kExitOk;
}

}  // namespace

CLI::App* RegisterWhoamiCommand(CLI::App& app, const GlobalOptions& globals, const Output& output,
                                CommandRunner* run) {
  auto* command = app.add_subcommand(
      "whoami", "Show the AWS account, ARN and credential chain vueops acts with");
  auto json = std::make_shared<bool>(false);
  command->add_flag("--json", *json, "Print the identity as JSON");
  command->footer(
      "Never prints a secret: the access key id is shortened and the secret key and session\n"
      "token are left out. Takes --profile, --region and --endpoint-url like every AWS command.\n"
      "Exit status: 0 success, 1 no usable credentials or STS refused them, 2 usage error.\n\n"
      "Examples:\n  vueops whoami\n  vueops whoami --profile prod --json\n");
  *run = [json, &globals, &output]() { return RunWhoami(*json, globals, output); };
  return command;
}

}  // namespace vueops::cli
