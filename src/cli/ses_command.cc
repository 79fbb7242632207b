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
#include "ops/ses_smtp_settings.h"

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

}  // namespace

CLI::App* RegisterSesCommand(CLI::App& app, const GlobalOptions& globals, const Output& output,
                             CommandRunner* run) {
  auto* command = app.add_subcommand("ses", "SES: the SMTP password of an IAM user's key");
  command->require_subcommand(1);
  command->footer(
      "Exit status: 0 success, 1 failure, 2 usage error.\n\n"
      "Example:\n  vueops ses smtp-password --region us-east-1 < secret-access-key.txt\n");

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

  *run = [args, &globals, &output]() { return RunSmtpPassword(*args, globals, output); };
  return command;
}

}  // namespace vueops::cli
