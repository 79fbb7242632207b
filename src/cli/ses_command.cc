// vueops ses smtp-password: the SES SMTP password of an IAM user's secret access key (notes:
// "SES": "use that user's AWS access key and the one-time secret in special SES password
// form"; "DON'T USE PORT 25 -- throttling is massive"), with the settings a mail client needs.
// The derivation is ops/ses_smtp_settings.h; this file reads the key and prints.
#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "base/environment.h"
#include "base/json.h"
#include "cli/commands.h"
#include "cli/operations_session.h"
#include "ops/ses_smtp_settings.h"
#include "ops/smtp_rotation.h"
#include "resources/desired.h"
#include "resources/ses_smtp_password.h"

namespace vueops::cli {
namespace {

struct SmtpPasswordArguments {
  std::string region;
  std::string access_key_id;
  bool json = false;
};

// One line from stdin without its line ending. On a terminal it asks on stderr and does not
// echo what is typed, as a password prompt does.
std::string ReadSecretLine(const Output& output) {
  const bool terminal = ::isatty(STDIN_FILENO) != 0;
  struct termios saved;
  bool quiet = false;
  if (terminal) {
    std::fputs("Secret access key (not shown): ", output.err);
    std::fflush(output.err);
    if (::tcgetattr(STDIN_FILENO, &saved) == 0) {
      struct termios silent = saved;
      silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
      quiet = ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent) == 0;
    }
  }
  std::string line;
  std::getline(std::cin, line);
  if (quiet) {
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    std::fputs("\n", output.err);
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

int RunSmtpPassword(const SmtpPasswordArguments& args, const GlobalOptions& globals,
                    const Output& output) {
  // The region decides the password, so it is never guessed from the profile.
  const std::string region = !args.region.empty() ? args.region : globals.region;
  if (region.empty()) {
    std::fprintf(output.err,
                 "vueops ses smtp-password: --region REGION is required: SMTP passwords are "
                 "per region (the region SES sends from, e.g. --region us-east-1)\n");
    return kExitUsage;
  }
  ops::SesSmtpRequest request;
  request.region = region;
  request.access_key_id = args.access_key_id;
  // Temporary credentials are refused before the secret is asked for.
  if (Status long_term = ops::CheckLongTermKey(args.access_key_id, Environment::Process());
      !long_term.ok()) {
    std::fprintf(output.err, "vueops ses smtp-password: %s\n", long_term.message().c_str());
    return kExitFailure;
  }
  request.secret_access_key = ReadSecretLine(output);
  Result<ops::SesSmtpSettings> settings =
      ops::DeriveSesSmtpSettings(request, Environment::Process());
  if (!settings.ok()) {
    std::fprintf(output.err, "vueops ses smtp-password: %s\n", settings.status().message().c_str());
    return kExitFailure;
  }
  const std::string& user = settings->user;
  if (args.json) {
    Json out = {{"region", region},
                {"host", settings->host},
                {"port", settings->starttls_port},
                {"security", "STARTTLS"},
                {"tls_wrapper_port", settings->tls_wrapper_port},
                {"user", user.empty() ? Json() : Json(user)},
                {"password", settings->password}};
    std::fputs((DumpJson(out, 2) + "\n").c_str(), output.out);
    return kExitOk;
  }
  std::fprintf(output.out, "SMTP password: %s\n", settings->password.c_str());
  std::fprintf(output.out, "SMTP user:     %s\n",
               user.empty() ? "(the IAM user's access key id, AKIA...)" : user.c_str());
  std::fprintf(output.out, "Host:          %s\n", settings->host.c_str());
  std::fprintf(output.out, "Port:          %d (STARTTLS); %d for TLS from the first byte\n",
               settings->starttls_port, settings->tls_wrapper_port);
  return kExitOk;
}

struct SmtpCredentialsArguments {
  OperationsOptions session;
  bool rotate = false;
  bool json = false;
};

int FailCredentials(const Output& output, const std::string& message, int code = kExitFailure) {
  std::fprintf(output.err, "vueops ses smtp-credentials: %s\n", message.c_str());
  return code;
}

// docs/resources.md, "SES, Route53 and secrets": the SMTP user's key.
constexpr const char* kSmtpKeyName = "ses-smtp/1";

// The environment's SMTP settings (never the password), or, with --rotate, a new key and
// password for the same SMTP user (notes: "DON'T CHANGE THE USER NAME"): created, stored in
// the credentials secret, then the old keys deleted (ops/smtp_rotation.h).
int RunSmtpCredentials(const SmtpCredentialsArguments& args, const GlobalOptions& globals,
                       const Output& output) {
  OperationsOptions session_options = args.session;
  session_options.exclusive = args.rotate;
  session_options.operation = "ses smtp-credentials --rotate";
  Result<std::unique_ptr<OperationsSession>> opened =
      OperationsSession::Open(session_options, globals, output);
  if (!opened.ok()) {
    bool unknown = opened.status().message().rfind("no environment", 0) == 0;
    return FailCredentials(output, opened.status().message(), unknown ? kExitUsage : kExitFailure);
  }
  OperationsSession& session = **opened;
  const spec::Environment& environment = session.environment();
  if (!environment.mail.has_value()) {
    return FailCredentials(
        output, "environment " + environment.name + " has no mail in " + session.stack().spec_path);
  }
  const spec::Mail& mail = *environment.mail;
  const std::string region = mail.region.empty() ? environment.region : mail.region;
  Result<state::ResourceRecord> secret = session.RecordedIn("secret", mail.credentials_secret);
  if (!secret.ok()) return FailCredentials(output, secret.status().message());
  Result<client::AwsClient*> secrets = session.ClientFor(*secret);
  if (!secrets.ok()) return FailCredentials(output, secrets.status().message());
  Result<client::AwsClient*> iam = session.Client();
  if (!iam.ok()) return FailCredentials(output, iam.status().message());

  Json out = {{"environment", environment.name},
              {"iam_user", mail.smtp_user},
              {"secret", secret->id},
              {"region", region},
              {"host", resources::SesSmtpHost(region)},
              {"port", ops::kSesSmtpStartTlsPort},
              {"security", "STARTTLS"},
              {"tls_wrapper_port", ops::kSesSmtpTlsWrapperPort}};
  if (args.rotate) {
    auto progress = [&args, &output](const std::string& line) {
      if (!args.json) std::fprintf(output.out, "%s\n", line.c_str());
    };
    Result<ops::SmtpRotationResult> rotated = ops::RotateSmtpCredentials(
        **iam, **secrets, {mail.smtp_user, secret->id, region}, progress);
    if (!rotated.ok()) return FailCredentials(output, rotated.status().message());
    // The engine's record of the key follows it, so the next plan neither recreates the key
    // nor overwrites the secret.
    std::string address = resources::MakeAddress(environment.name, "iam_access_key", kSmtpKeyName);
    Result<std::optional<state::ResourceRecord>> key = session.store().Get(address);
    if (key.ok() && key->has_value()) {
      state::ResourceRecord updated = **key;
      updated.id = rotated->new_key_id;
      updated.outputs["id"] = rotated->new_key_id;
      if (Status saved = session.store().Put(updated); !saved.ok()) {
        return FailCredentials(output, "the new credentials work and are in " + secret->id +
                                           ", but the state could not record the new key (" +
                                           saved.message() + "); run vueops import " + address +
                                           "=" + rotated->new_key_id);
      }
    }
    out["user"] = rotated->new_key_id;
    out["rotated"] = true;
    out["deleted_keys"] = rotated->deleted_key_ids;
  } else {
    std::string user;
    Result<Json> value =
        (*secrets)->Call("secretsmanager", "GetSecretValue", {{"SecretId", secret->id}});
    if (value.ok()) {
      if (Result<Json> parsed = ParseJson(value->value("SecretString", ""));
          parsed.ok() && parsed->is_object()) {
        user = parsed->value("username", "");
      }
    }
    out["user"] = user.empty() ? Json() : Json(user);
    Result<Json> keys =
        (*iam)->CallAllPages("iam", "ListAccessKeys", {{"UserName", mail.smtp_user}});
    if (!keys.ok()) return FailCredentials(output, keys.status().message());
    Json listed = Json::array();
    for (const Json& key : keys->value("AccessKeyMetadata", Json::array())) {
      listed.push_back({{"id", key.value("AccessKeyId", "")},
                        {"status", key.value("Status", "")},
                        {"in_secret", key.value("AccessKeyId", "") == user}});
    }
    out["access_keys"] = listed;
  }
  if (args.json) {
    std::fputs((DumpJson(out, 2) + "\n").c_str(), output.out);
    return kExitOk;
  }
  std::string user = out["user"].is_string() ? out["user"].get<std::string>() : "(not set yet)";
  std::fprintf(output.out, "Host:      %s\n", out["host"].get<std::string>().c_str());
  std::fprintf(output.out, "Port:      %d (STARTTLS); %d for TLS from the first byte; never 25\n",
               ops::kSesSmtpStartTlsPort, ops::kSesSmtpTlsWrapperPort);
  std::fprintf(output.out, "SMTP user: %s (an access key of IAM user %s)\n", user.c_str(),
               mail.smtp_user.c_str());
  std::fprintf(output.out, "Password:  in Secrets Manager, %s (never shown)\n", secret->id.c_str());
  if (!args.rotate) {
    for (const Json& key : out["access_keys"]) {
      std::fprintf(output.out, "Key:       %s %s%s\n", key["id"].get<std::string>().c_str(),
                   key["status"].get<std::string>().c_str(),
                   key["in_secret"].get<bool>() ? " (in the secret)" : "");
    }
  }
  return kExitOk;
}

}  // namespace

CLI::App* RegisterSesCommand(CLI::App& app, const GlobalOptions& globals, const Output& output,
                             CommandRunner* run) {
  auto* command =
      app.add_subcommand("ses", "SES: SMTP passwords, the environment's SMTP credentials");
  command->require_subcommand(1);
  command->footer(
      "Exit status: 0 success, 1 failure, 2 usage error.\n\n"
      "Examples:\n  vueops ses smtp-password --region us-east-1 < secret-access-key.txt\n"
      "  vueops ses smtp-credentials prod --rotate\n");

  auto args = std::make_shared<SmtpPasswordArguments>();
  auto* password = command->add_subcommand(
      "smtp-password", "Print the SES SMTP password for a secret access key read from stdin");
  password
      ->add_option("--region", args->region,
                   "The region SES sends from (required: SMTP passwords are per region)")
      ->type_name("REGION");
  password
      ->add_option("--access-key-id", args->access_key_id,
                   "The key's id (AKIA...): printed as the SMTP user; an ASIA (temporary) "
                   "id is refused")
      ->type_name("ID");
  password->add_flag("--json", args->json, "Print host, ports, user and password as JSON");
  password->footer(
      "Reads the IAM user's secret access key from stdin (one line; on a terminal it is not\n"
      "echoed) and prints the SMTP password by SES's version 4 derivation (Amazon SES Developer\n"
      "Guide, \"Obtaining Amazon SES SMTP credentials\"), the region's SMTP host and the ports:\n"
      "587 with STARTTLS, or 465 with TLS from the first byte. Only an IAM user's long-term\n"
      "key works: with AWS_SESSION_TOKEN set, or an ASIA access key id, it refuses. The SMTP\n"
      "user name is the access key id. Nothing is sent to AWS.\n\n"
      "Examples:\n"
      "  vueops ses smtp-password --region us-east-1 < secret-access-key.txt\n"
      "  pass show aws/ses-smtp | vueops ses smtp-password --region eu-west-1 --access-key-id "
      "AKIAIOSFODNN7EXAMPLE --json\n");

  auto credentials_args = std::make_shared<SmtpCredentialsArguments>();
  auto* credentials = command->add_subcommand(
      "smtp-credentials", "Show the environment's SMTP settings, or --rotate its credentials");
  credentials->add_option("ENV", credentials_args->session.environment, "The environment")
      ->required();
  credentials
      ->add_option("--spec", credentials_args->session.spec,
                   "The spec (file or folder; default $VUEOPS_SPEC, else ./stack.yaml)")
      ->type_name("PATH");
  credentials
      ->add_option("--state", credentials_args->session.state_file,
                   "The state file (default: the spec's state backend)")
      ->type_name("FILE");
  credentials->add_flag("--rotate", credentials_args->rotate,
                        "Make a new access key, store its SMTP password, delete the old key");
  credentials->add_flag("--json", credentials_args->json, "Print the settings as JSON");
  credentials->footer(
      "Without --rotate: the SMTP host, ports (587 STARTTLS, 465 TLS; never 25), the SMTP user\n"
      "name (the access key id the credentials secret holds) and the IAM user's keys; never the\n"
      "password. With --rotate, in this order: a new access key for the spec's mail.smtp_user\n"
      "(the same IAM user: changing it would remove sending privileges), its version 4 SMTP\n"
      "password stored with the user name in mail.credentials_secret, then the old keys\n"
      "deleted, so that a failure never leaves no working credentials. Refused when the user\n"
      "already has IAM's two keys. Restart the mail senders to pick up the new secret.\n"
      "Exit status: 0 success, 1 failure, 2 usage error (also an unknown environment).\n\n"
      "Examples:\n  vueops ses smtp-credentials prod\n"
      "  vueops ses smtp-credentials prod --rotate\n");

  *run = [args, credentials_args, credentials, &globals, &output]() {
    if (credentials->parsed()) return RunSmtpCredentials(*credentials_args, globals, output);
    return RunSmtpPassword(*args, globals, output);
  };
  return command;
}

}  // namespace vueops::cli
