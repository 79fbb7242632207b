// vueops cf sign-url|sign-cookies: CloudFront signed URLs and cookies for the protected
// distribution (notes: "CloudFront": "Protected files use signed URLs"; "Keys and SSL
// certificates": the private key is "stored in AWS Secrets"). The signing itself is
// ops/cloudfront_signer.h; this file finds the key: a file and an id on the command line, or
// the spec's signing key group, the public key id the state recorded for it, and the private
// key from Secrets Manager.
#include <CLI/CLI.hpp>
#include <memory>

#include "apply/organization_access.h"
#include "base/clock.h"
#include "base/file.h"
#include "base/json.h"
#include "cli/commands.h"
#include "cli/state_backend.h"
#include "client/default_client.h"
#include "ops/cloudfront_signer.h"
#include "ops/signing_time.h"
#include "resources/desired.h"
#include "spec/loader.h"
#include "state/sqlite_state_store.h"

namespace vueops::cli {
namespace {

// A PEM RSA key is a few kilobytes; anything much larger is not one.
constexpr uint64_t kMaxPrivateKeyBytes = 64 * 1024;
// The address name build_cdn.cc gives the signing key (docs/resources.md, "CloudFront").
constexpr const char* kSigningName = "signing";

struct SignArguments {
  std::string resource;  // the URL (sign-url) or the resource, maybe a pattern (sign-cookies)
  std::string expires;
  std::string starts;
  std::string ip;
  std::string hash = "sha1";
  std::string key_pair_id;
  std::string private_key_file;
  std::string spec;
  std::string state_file;
  std::string environment;
  bool json = false;
};

// The key and where each half came from (for the JSON output; never the key itself).
struct SigningKey {
  std::string key_pair_id;
  std::string key_pair_id_source;
  std::string private_key_pem;
  std::string private_key_source;
};

// What the spec and the state say about an environment's signing key.
struct SpecSigning {
  std::unique_ptr<spec::Stack> stack;  // on the heap: `environment` points into it
  const spec::Environment* environment = nullptr;
  std::string state_path;
  // Reaches the S3 state backend; declared before the store, which uses it until closed.
  std::unique_ptr<client::DefaultClient> client;
  std::unique_ptr<state::StateStore> store;
};

Result<std::unique_ptr<spec::Stack>> LoadSpec(const std::string& path, const Output& output) {
  spec::LoadResult loaded = spec::LoadStack(path);
  if (!loaded.ok()) {
    std::fputs(RenderDiagnostics(loaded.diagnostics, {.color = output.color_err}).c_str(),
               output.err);
    return InvalidArgumentError(path + ": invalid spec (" +
                                SummarizeDiagnostics(loaded.diagnostics) +
                                "); fix it, or pass --key-pair-id ID and --private-key FILE");
  }
  return std::make_unique<spec::Stack>(std::move(*loaded.stack));
}

// The environment whose cdn has a signing key group: --env, else the only one.
Result<const spec::Environment*> SigningEnvironment(const spec::Stack& stack,
                                                    const std::string& wanted) {
  std::vector<const spec::Environment*> signing;
  std::string names;
  for (const spec::Environment& environment : stack.environments) {
    if (!environment.cdn.has_value() || environment.cdn->key_group.empty()) continue;
    signing.push_back(&environment);
    names += (names.empty() ? "" : ", ") + environment.name;
  }
  if (!wanted.empty()) {
    for (const spec::Environment* environment : signing) {
      if (environment->name == wanted) return environment;
    }
    return NotFoundError(stack.spec_path + ": environment '" + wanted +
                         "' has no cdn key_group to sign with" +
                         (names.empty() ? "" : " (these have: " + names + ")"));
  }
  if (signing.empty()) {
    return NotFoundError(stack.spec_path +
                         ": no environment's cdn has a key_group (and public_key_file) to sign "
                         "with; add one (docs/spec.md, cdn), or pass --key-pair-id ID and "
                         "--private-key FILE");
  }
  if (signing.size() > 1) {
    return InvalidArgumentError(stack.spec_path + ": several environments sign CloudFront URLs (" +
                                names + "); choose one with --env NAME");
  }
  return signing.front();
}

Result<SpecSigning> OpenSpecSigning(const SignArguments& args, const GlobalOptions& globals,
                                    const Output& output) {
  SpecSigning signing;
  ASSIGN_OR_RETURN(signing.stack,
                   LoadSpec(args.spec.empty() ? DefaultSpecPath() : args.spec, output));
  ASSIGN_OR_RETURN(signing.environment, SigningEnvironment(*signing.stack, args.environment));
  if (args.state_file.empty() && signing.stack->state.kind == "s3") {
    ASSIGN_OR_RETURN(signing.client, MakeCommandClient(globals, output));
  }
  StateOpenOptions options;
  options.state_file = args.state_file;
  options.create_if_missing = false;
  Result<OpenedState> opened =
      OpenStackState(*signing.stack, options, signing.client.get(), output);
  if (!opened.ok()) {
    return Status(opened.status().code(),
                  opened.status().message() +
                      " (nothing applied yet?); pass --state FILE, or --key-pair-id ID and "
                      "--private-key FILE");
  }
  signing.state_path = opened->where;
  signing.store = std::move(opened->store);
  return signing;
}

// The record at `address`, or an error saying what to apply or pass instead.
Result<state::ResourceRecord> Recorded(SpecSigning& signing, const std::string& address,
                                       const std::string& instead) {
  ASSIGN_OR_RETURN(std::optional<state::ResourceRecord> record, signing.store->Get(address));
  if (!record.has_value() || record->id.empty() ||
      record->status != state::RecordStatus::kCreated) {
    return NotFoundError(signing.state_path + " has no created " + address +
                         "; run vueops apply first, or pass " + instead);
  }
  return *record;
}

// The private key from Secrets Manager: the spec's cdn.private_key_secret, at the ARN the state
// recorded for it, in its account through OrganizationAccountAccessRole as the engine reaches
// it.
Result<std::string> PrivateKeyFromSecret(SpecSigning& signing, const GlobalOptions& globals,
                                         const Output& output) {
  const spec::Environment& environment = *signing.environment;
  const std::string& secret = environment.cdn->private_key_secret;
  if (secret.empty()) {
    return FailedPreconditionError(environment.name +
                                   " cdn has no private_key_secret naming the Secrets Manager "
                                   "secret that holds the signing key; add it to the spec, or "
                                   "pass --private-key FILE");
  }
  std::string address = resources::MakeAddress(environment.name, "secret", secret);
  ASSIGN_OR_RETURN(state::ResourceRecord record, Recorded(signing, address, "--private-key FILE"));

  client::DefaultClientOptions options;
  options.profile = globals.profile;
  options.region = globals.region.empty() ? signing.stack->region : globals.region;
  options.endpoint_url = globals.endpoint_url;
  options.notes = [&output](std::string_view note) {
    std::fprintf(output.err, "vueops: note: %.*s\n", static_cast<int>(note.size()), note.data());
  };
  ASSIGN_OR_RETURN(std::unique_ptr<client::DefaultClient> wiring,
                   client::MakeDefaultClient(options));
  apply::OrganizationAccessOptions access_options;
  access_options.management_account = signing.stack->organization.management_account;
  state::StateStore* store = signing.store.get();
  const spec::Stack& stack = *signing.stack;
  access_options.account_id = [store, &stack](const std::string& account) -> Result<std::string> {
    Result<std::optional<state::ResourceRecord>> found = store->Get("org.account." + account);
    if (found.ok() && found->has_value() && !(*found)->id.empty()) return (*found)->id;
    if (const spec::Account* written = stack.organization.FindAccount(account);
        written != nullptr && !written->id.empty()) {
      return written->id;
    }
    return NotFoundError("no id recorded for account '" + account + "'");
  };
  apply::OrganizationAccess access(wiring->client(), &wiring->role_assumer(), Clock::Real(),
                                   std::move(access_options));
  ASSIGN_OR_RETURN(client::AwsClient * aws, access.ClientFor(record.account, record.region));
  Result<Json> value = aws->Call("secretsmanager", "GetSecretValue", {{"SecretId", record.id}});
  if (!value.ok()) {
    return Status(value.status().code(), "reading secret " + record.id + " (" + address +
                                             "): " + value.status().message());
  }
  std::string pem = value->value("SecretString", "");
  if (pem.find("PRIVATE KEY-----") == std::string::npos) {
    return FailedPreconditionError("secret " + record.id + " (" + address +
                                   ") holds no PEM private key; put the signing key there "
                                   "(its whole PEM text as the secret string)");
  }
  return pem;
}

Result<SigningKey> ResolveKey(const SignArguments& args, const GlobalOptions& globals,
                              const Output& output) {
  SigningKey key;
  std::optional<SpecSigning> signing;
  if (args.key_pair_id.empty() || args.private_key_file.empty()) {
    ASSIGN_OR_RETURN(signing, OpenSpecSigning(args, globals, output));
  }
  if (!args.key_pair_id.empty()) {
    key.key_pair_id = args.key_pair_id;
    key.key_pair_id_source = "--key-pair-id";
  } else {
    std::string address =
        resources::MakeAddress(signing->environment->name, "cloudfront_public_key", kSigningName);
    ASSIGN_OR_RETURN(state::ResourceRecord record, Recorded(*signing, address, "--key-pair-id ID"));
    key.key_pair_id = record.id;
    key.key_pair_id_source = address;
  }
  if (!args.private_key_file.empty()) {
    // The key signs for the whole distribution: refuse one others may read, as ssh does.
    RETURN_IF_ERROR(CheckPrivateFileMode(args.private_key_file));
    ASSIGN_OR_RETURN(key.private_key_pem, ReadFile(args.private_key_file, kMaxPrivateKeyBytes));
    key.private_key_source = args.private_key_file;
  } else {
    ASSIGN_OR_RETURN(key.private_key_pem, PrivateKeyFromSecret(*signing, globals, output));
    key.private_key_source =
        "secret " + signing->environment->cdn->private_key_secret + " (Secrets Manager)";
  }
  return key;
}

// The grant the arguments describe, checked against the time now.
Result<ops::CloudFrontGrant> ParseGrant(const SignArguments& args, int64_t now) {
  ops::CloudFrontGrant grant;
  grant.resource = args.resource;
  Result<int64_t> expires = ops::ParseSigningTime(args.expires, now);
  if (!expires.ok()) return InvalidArgumentError("--expires: " + expires.status().message());
  grant.date_less_than = *expires;
  if (!args.starts.empty()) {
    Result<int64_t> starts = ops::ParseSigningTime(args.starts, now);
    if (!starts.ok()) return InvalidArgumentError("--starts: " + starts.status().message());
    grant.date_greater_than = *starts;
  }
  grant.source_ip = args.ip;
  return ops::CheckGrant(std::move(grant), now);
}

Json Description(const ops::CloudFrontGrant& grant, ops::SignatureHash hash,
                 const SigningKey& key) {
  Json out = {{"policy", ops::NeedsCustomPolicy(grant) ? "custom" : "canned"},
              {"resource", grant.resource},
              {"expires", grant.date_less_than},
              {"expires_utc", ops::FormatUtc(grant.date_less_than)}};
  if (grant.date_greater_than.has_value()) {
    out["starts"] = *grant.date_greater_than;
    out["starts_utc"] = ops::FormatUtc(*grant.date_greater_than);
  }
  if (!grant.source_ip.empty()) out["source_ip"] = grant.source_ip;
  out["hash"] = hash == ops::SignatureHash::kSha256 ? "SHA256" : "SHA1";
  out["key_pair_id"] = key.key_pair_id;
  out["key_pair_id_source"] = key.key_pair_id_source;
  out["private_key_source"] = key.private_key_source;
  return out;
}

int Fail(const Output& output, const char* command, const std::string& message,
         int exit_code = kExitFailure) {
  std::fprintf(output.err, "vueops cf %s: %s\n", command, message.c_str());
  return exit_code;
}

int RunSign(const SignArguments& args, bool cookies, const GlobalOptions& globals,
            const Output& output) {
  const char* command = cookies ? "sign-cookies" : "sign-url";
  Result<ops::SignatureHash> hash = ops::ParseSignatureHash(args.hash);
  if (!hash.ok()) return Fail(output, command, "--hash: " + hash.status().message(), kExitUsage);
  int64_t now =
      std::chrono::duration_cast<std::chrono::seconds>(Clock::Real().Now().time_since_epoch())
          .count();
  // The inputs first: a typo should not cost a call to Secrets Manager.
  Result<ops::CloudFrontGrant> grant = ParseGrant(args, now);
  if (!grant.ok()) return Fail(output, command, grant.status().message(), kExitUsage);
  Result<SigningKey> key = ResolveKey(args, globals, output);
  if (!key.ok()) return Fail(output, command, key.status().message());
  Result<ops::CloudFrontSigner> signer =
      ops::CloudFrontSigner::FromPem(key->private_key_pem, key->key_pair_id);
  if (!signer.ok()) {
    return Fail(output, command, key->private_key_source + ": " + signer.status().message());
  }

  Json description = Description(*grant, *hash, *key);
  if (!cookies) {
    Result<std::string> url = signer->SignUrl(*grant, *hash);
    if (!url.ok()) return Fail(output, command, url.status().message());
    if (args.json) {
      Json out = {{"url", *url}};
      out.update(description);
      std::fputs((DumpJson(out, 2) + "\n").c_str(), output.out);
    } else {
      std::fprintf(output.out, "%s\n", url->c_str());
    }
    return kExitOk;
  }
  Result<ops::SignedCookies> signed_cookies = signer->SignCookies(*grant, *hash);
  if (!signed_cookies.ok()) return Fail(output, command, signed_cookies.status().message());
  if (args.json) {
    Json values = Json::object();
    for (const auto& [name, value] : *signed_cookies) values[name] = value;
    Json out = {{"cookies", std::move(values)}};
    out.update(description);
    std::fputs((DumpJson(out, 2) + "\n").c_str(), output.out);
  } else {
    // CloudFront Developer Guide, "Set signed cookies using a canned policy": Secure and
    // HttpOnly; no Expires or Max-Age, so the browser drops them when it closes. The
    // application adds Domain (the distribution's name) and Path.
    for (const auto& [name, value] : *signed_cookies) {
      std::fprintf(output.out, "Set-Cookie: %s=%s; Secure; HttpOnly\n", name.c_str(),
                   value.c_str());
    }
  }
  return kExitOk;
}

void AddSignOptions(CLI::App* command, SignArguments& args) {
  command
      ->add_option("--expires", args.expires,
                   "When the signature stops working: " + std::string(ops::kSigningTimeForms))
      ->required()
      ->type_name("TIME")
      ->group("Grant");
  command
      ->add_option("--starts", args.starts,
                   "When the signature starts working (same forms); makes the policy custom")
      ->type_name("TIME")
      ->group("Grant");
  command
      ->add_option("--ip", args.ip,
                   "The viewer's IPv4 address or CIDR block (192.0.2.0/24; a bare address is a "
                   "/32); makes the policy custom")
      ->type_name("CIDR")
      ->group("Grant");
  command
      ->add_option("--hash", args.hash,
                   "sha1 (CloudFront's default) or sha256 (adds Hash-Algorithm=SHA256)")
      ->type_name("sha1|sha256")
      ->group("Grant");
  command
      ->add_option("--key-pair-id", args.key_pair_id,
                   "The CloudFront public key id (default: the one the state recorded for the "
                   "spec's cdn key_group, <env>.cloudfront_public_key.signing)")
      ->type_name("ID")
      ->group("Key");
  command
      ->add_option("--private-key", args.private_key_file,
                   "The PEM private key file, mode 0600 or stricter (default: the spec's cdn "
                   "private_key_secret, read from Secrets Manager)")
      ->type_name("FILE")
      ->group("Key");
  command
      ->add_option("--spec", args.spec,
                   "The spec (file or folder) naming the key group and the secret (default: "
                   "$VUEOPS_SPEC, else ./stack.yaml)")
      ->type_name("PATH")
      ->group("Key");
  command
      ->add_option("--state", args.state_file,
                   "The state file (default: the spec's state.path beside the spec)")
      ->type_name("FILE")
      ->group("Key");
  command
      ->add_option("--env", args.environment,
                   "The environment whose cdn signs (default: the only one with a key_group)")
      ->type_name("NAME")
      ->group("Key");
}

}  // namespace

CLI::App* RegisterCfCommand(CLI::App& app, const GlobalOptions& globals, const Output& output,
                            CommandRunner* run) {
  auto* command =
      app.add_subcommand("cf", "CloudFront signed URLs and cookies for protected content");
  command->require_subcommand(1);
  command->footer(
      "A canned policy when only --expires limits the grant; a custom policy (sent whole, in\n"
      "the URL's Policy parameter or the CloudFront-Policy cookie) with --starts, --ip or a\n"
      "wildcard resource. Signed with RSA-SHA1 unless --hash sha256. The key: --key-pair-id and\n"
      "--private-key FILE, or from the spec: the public key id the state recorded for the cdn\n"
      "key_group, and the private key from the cdn's private_key_secret in Secrets Manager\n"
      "(reached as vueops apply reaches the environment's account). The private key is never\n"
      "printed. Output matches botocore's CloudFrontSigner byte for byte.\n"
      "Exit status: 0 success, 1 failure (the key, the state, AWS), 2 usage error (also a bad\n"
      "time, address, URL or hash).\n\n"
      "Examples:\n"
      "  vueops cf sign-url https://media.vueocity.com/p/talk.mp4 --expires +1h\n"
      "  vueops cf sign-cookies 'https://media.vueocity.com/p/*' --expires +12h --ip "
      "192.0.2.0/24\n");

  auto url_args = std::make_shared<SignArguments>();
  auto* sign_url = command->add_subcommand("sign-url", "Sign a URL for a protected behaviour");
  sign_url
      ->add_option("url", url_args->resource,
                   "The URL: http(s)://, percent-encoded, without a fragment")
      ->required();
  AddSignOptions(sign_url, *url_args);
  sign_url->add_flag("--json", url_args->json,
                     "Print the URL with its policy, times and key id as JSON");
  sign_url->footer(
      "Prints the signed URL: the URL with Expires (canned) or Policy (custom), Signature,\n"
      "Key-Pair-Id and, for sha256, Hash-Algorithm appended after ? (or & when it has a\n"
      "query string).\n\n"
      "Examples:\n"
      "  vueops cf sign-url https://media.vueocity.com/p/talk.mp4 --expires 2026-12-01T00:00:00Z\n"
      "  vueops cf sign-url https://media.vueocity.com/p/talk.mp4 --expires +7d --starts +1h "
      "--hash sha256\n"
      "  vueops cf sign-url URL --expires +30m --key-pair-id K2JCJMDEHXQW5F --private-key "
      "cf-key.pem\n");

  auto cookie_args = std::make_shared<SignArguments>();
  auto* sign_cookies = command->add_subcommand(
      "sign-cookies", "Sign cookies that open protected content to a browser");
  sign_cookies
      ->add_option("RESOURCE", cookie_args->resource,
                   "The URL, or a pattern with * and ? (https://media.vueocity.com/p/*, which "
                   "needs a custom policy)")
      ->required();
  AddSignOptions(sign_cookies, *cookie_args);
  sign_cookies->add_flag("--json", cookie_args->json,
                         "Print the cookies as a JSON object, with the policy, times and key id");
  sign_cookies->footer(
      "Prints one Set-Cookie line per cookie: CloudFront-Expires (canned) or CloudFront-Policy\n"
      "(custom), CloudFront-Signature, CloudFront-Key-Pair-Id and, for sha256,\n"
      "CloudFront-Hash-Algorithm; with Secure and HttpOnly, without Expires (the browser drops\n"
      "them when it closes). Add Domain and Path for your site.\n\n"
      "Examples:\n"
      "  vueops cf sign-cookies 'https://media.vueocity.com/p/*' --expires +12h\n"
      "  vueops cf sign-cookies https://media.vueocity.com/p/talk.mp4 --expires +1h --json\n");

  *run = [url_args, cookie_args, sign_cookies, &globals, &output]() {
    if (sign_cookies->parsed()) return RunSign(*cookie_args, true, globals, output);
    return RunSign(*url_args, false, globals, output);
  };
  return command;
}

}  // namespace vueops::cli
