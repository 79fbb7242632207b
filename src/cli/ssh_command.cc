// vueops ssh ENV PROFILE [INDEX]: a shell on one of a profile's servers (notes: "EC2 key pairs
// control SSH access to individual servers, for manual shells and MPF fabric commands"), with
// the key pair's private key from the secrets folder, through the SSH entry host when the
// spec names one ("vueops - ... SSH entry").
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>
#include <memory>

#include "base/file.h"
#include "cli/commands.h"
#include "cli/operator_access.h"
#include "ops/server_inventory.h"
#include "ops/ssh_command_line.h"

namespace vueops::cli {
namespace {

struct SshArguments {
  OperatorFlags flags;
  std::string environment;
  std::string profile;
  int index = 0;
  bool dry_run = false;
};

int Fail(const Output& output, const std::string& message, int code = kExitFailure) {
  std::fprintf(output.err, "vueops ssh: %s\n", message.c_str());
  return code;
}

// The private key of key pair `name`: <secrets_dir>/<name>.pem, which ssh would refuse (and
// others should not read) unless only its owner may.
Result<std::string> KeyPath(const OperatorAccess& access, const std::string& name,
                            const std::string& what) {
  std::string path = JoinPath(access.SecretsDir(), name + ".pem");
  if (!FileExists(path)) {
    return NotFoundError("no private key for " + what + " key pair " + name + " at " + path +
                         "; put it there (mode 0600), or point VUEOPS_SECRETS_DIR at the folder "
                         "that holds it");
  }
  RETURN_IF_ERROR(CheckPrivateFileMode(path));
  return path;
}

int RunSsh(const SshArguments& args, const GlobalOptions& globals, const Output& output) {
  if (args.index < 0) return Fail(output, "INDEX must be 0 or more", kExitUsage);
  Result<std::unique_ptr<OperatorAccess>> opened =
      OperatorAccess::Open(args.flags, globals, output);
  if (!opened.ok()) return Fail(output, opened.status().message());
  OperatorAccess& access = **opened;
  const spec::Stack& stack = access.stack();

  Result<const spec::Environment*> environment = access.FindEnvironment(args.environment);
  if (!environment.ok()) return Fail(output, environment.status().message());
  Result<const spec::ServerProfile*> profile = access.FindProfile(**environment, args.profile);
  if (!profile.ok()) return Fail(output, profile.status().message());
  const spec::Servers& servers = *(*environment)->servers;
  if (servers.key_pair.empty()) {
    return Fail(output, (*environment)->name +
                            " servers name no key_pair, so no key opens them; add servers.key_pair "
                            "to the spec");
  }

  // The keys first: a missing or open key should not cost an AssumeRole.
  ops::SshTarget target;
  Result<std::string> key = KeyPath(access, servers.key_pair, "the servers'");
  if (!key.ok()) return Fail(output, key.status().message());
  target.server.key_path = *key;
  target.server.user = stack.operations.ssh_user;
  const spec::Operations& operations = stack.operations;
  if (!operations.ssh_entry_host.empty()) {
    ops::SshHop entry;
    entry.host = operations.ssh_entry_host;
    entry.user =
        operations.ssh_entry_user.empty() ? operations.ssh_user : operations.ssh_entry_user;
    if (operations.ssh_entry_key_pair.empty()) {
      return Fail(output, "operations.ssh_entry names host " + entry.host +
                              " but no key_pair for it; add ssh_entry.key_pair to the spec");
    }
    Result<std::string> entry_key =
        KeyPath(access, operations.ssh_entry_key_pair, "the SSH entry host's");
    if (!entry_key.ok()) return Fail(output, entry_key.status().message());
    entry.key_path = *entry_key;
    target.entry = entry;
  }

  Result<const spec::Account*> account = access.FindAccount((*environment)->account);
  if (!account.ok()) return Fail(output, account.status().message());
  Result<AccountSession> session = access.Enter(**account, (*environment)->region);
  if (!session.ok()) return Fail(output, session.status().message());
  for (const std::string& note : session->session.notes) {
    std::fprintf(output.err, "vueops: note: %s\n", note.c_str());
  }
  Result<std::vector<ops::ServerInstance>> listed =
      ops::ListServers(*session->client, access.ProfileGroups(**environment, *profile));
  if (!listed.ok()) return Fail(output, listed.status().message());
  std::vector<ops::ServerInstance> running;
  for (const ops::ServerInstance& server : *listed) {
    if (server.state == "running") running.push_back(server);
  }
  std::string which = (*environment)->name + " " + (*profile)->name;
  if (running.empty()) return Fail(output, which + " has no running server");
  if (static_cast<size_t>(args.index) >= running.size()) {
    return Fail(output, which + " has " + std::to_string(running.size()) + " running server" +
                            (running.size() == 1 ? "" : "s") + " (INDEX 0.." +
                            std::to_string(running.size() - 1) + "); vueops servers " + which +
                            " lists them");
  }
  const ops::ServerInstance& server = running[static_cast<size_t>(args.index)];
  // Through the entry host the server's private address; without one its public address.
  target.server.host = target.entry.has_value() ? server.private_ip : server.public_ip;
  if (target.server.host.empty()) {
    return Fail(output,
                server.instance_id + " has no " +
                    (target.entry.has_value() ? std::string("private") : std::string("public")) +
                    " IP address" +
                    (target.entry.has_value()
                         ? std::string()
                         : "; the spec names no SSH entry host (operations.ssh_entry) to reach "
                           "its private one through"));
  }
  target.host_key_alias = server.instance_id;
  target.extra_args = globals.trailing_args;
  std::vector<std::string> argv = ops::SshArgv(target);

  std::fprintf(output.err, "vueops: %s %d: %s (%s, %s)%s\n", which.c_str(), args.index,
               server.instance_id.c_str(), target.server.host.c_str(),
               server.availability_zone.c_str(),
               target.entry.has_value() ? (" through " + target.entry->host).c_str() : "");
  if (args.dry_run) {
    std::fprintf(output.out, "%s\n", ops::CommandLineText(argv).c_str());
    return kExitOk;
  }
  std::vector<char*> words;
  for (const std::string& word : argv) words.push_back(const_cast<char*>(word.c_str()));
  words.push_back(nullptr);
  std::fflush(output.out);
  std::fflush(output.err);
  ::execvp(words[0], words.data());
  return Fail(output, "cannot run ssh: " + std::string(std::strerror(errno)) +
                          " (is OpenSSH's client installed and on PATH?)");
}

}  // namespace

CLI::App* RegisterSshCommand(CLI::App& app, const GlobalOptions& globals, const Output& output,
                             CommandRunner* run) {
  auto args = std::make_shared<SshArguments>();
  auto* command =
      app.add_subcommand("ssh", "Open ssh to a profile's server with the spec's key pair");
  command->add_option("ENV", args->environment, "The environment")->required();
  command->add_option("PROFILE", args->profile, "The server profile (FOH, BOH, FT, ...)")
      ->required();
  command->add_option("INDEX", args->index,
                      "Which of the profile's running servers, by launch time (default 0)");
  command->add_flag("--dry-run", args->dry_run, "Print the ssh command line instead of running it");
  command->add_option("--role", args->flags.role,
                      "The role that finds the server (default: the least privileged one your "
                      "groups grant)");
  command->add_option("--spec", args->flags.spec,
                      "The spec (default: $VUEOPS_SPEC or ./stack.yaml)");
  command->add_option("--state", args->flags.state_file,
                      "A local state file instead of the spec's backend");
  command->footer(
      "Finds the server through your role in the environment's account, then runs the system\n"
      "ssh (no shell) with <secrets_dir>/<key_pair>.pem (spec operations.secrets_dir, or\n"
      "$VUEOPS_SECRETS_DIR), which must be mode 0600, as the spec's ssh_user. With\n"
      "operations.ssh_entry, ssh goes through the entry host (a ProxyCommand with the entry\n"
      "host's own key) to the server's private IP; otherwise to its public IP. Agent\n"
      "forwarding stays off; pass -- -A to ask for it. Words after '--' follow the destination:\n"
      "ssh options or a remote command.\n"
      "Exit status: ssh's own once it runs; before, 1 failure, 2 usage error.\n\n"
      "Examples:\n  vueops ssh prod FOH\n  vueops ssh prod BOH 1 -- uptime\n"
      "  vueops ssh dev FOH -- -L 8000:localhost:80\n");
  *run = [args, &globals, &output]() { return RunSsh(*args, globals, output); };
  return command;
}

}  // namespace vueops::cli
