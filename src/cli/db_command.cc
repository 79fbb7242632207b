// vueops db shell|grow: the environment's RDS MySQL (notes: "RDS": "fab db-shell from an SSH
// session to AWS machine used to manage DB directly"; "once storage is increased on an
// instance it cannot [be] reduced. Increase allocation with command line"). The database sits
// in private subnets, so the shell goes through an `ssh -L` tunnel: the spec's SSH entry host
// (operations.ssh_entry), or else one of the environment's servers. The master password comes
// from Secrets Manager and reaches mysql only through a 0600 option file removed afterwards.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <memory>

#include "base/file.h"
#include "base/json.h"
#include "cli/commands.h"
#include "cli/operations_session.h"
#include "ops/mysql_option_file.h"
#include "ops/ssh_tunnel.h"
#include "ops/storage_growth.h"

namespace vueops::cli {
namespace {

// docs/resources.md, "RDS and Elasticache": the environment's one instance.
constexpr const char* kDatabaseName = "main";
constexpr std::chrono::seconds kDefaultTunnelTimeout{30};

struct DbArguments {
  OperationsOptions session;
  // shell
  std::string via;       // an SSH host instead of the spec's entry host or a server
  std::string via_user;  // its login
  std::string key;       // the private key for --via
  std::string database;  // the schema mysql opens
  int tunnel_timeout_seconds = static_cast<int>(kDefaultTunnelTimeout.count());
  std::vector<std::string> mysql_arguments;
  // grow
  std::string size;
  bool json = false;
};

int Fail(const Output& output, const std::string& command, const std::string& message,
         int code = kExitFailure) {
  std::fprintf(output.err, "vueops db %s: %s\n", command.c_str(), message.c_str());
  return code;
}

int ExitFor(const Status& status) {
  return status.code() == StatusCode::kNotFound && status.message().rfind("no environment", 0) == 0
             ? kExitUsage
             : kExitFailure;
}

Result<const spec::Database*> DatabaseOf(OperationsSession& session) {
  const spec::Environment& environment = session.environment();
  if (!environment.database.has_value()) {
    return FailedPreconditionError("environment " + environment.name + " has no database in " +
                                   session.stack().spec_path);
  }
  return &*environment.database;
}

std::string KeyFile(const spec::Stack& stack, const std::string& key_pair) {
  std::string directory = stack.operations.secrets_dir;
  if (!directory.empty() && directory.front() != '/') directory = stack.spec_dir + "/" + directory;
  return directory + "/" + key_pair + ".pem";
}

// The SSH host, login and key: --via, else the spec's entry host, else a server of the
// environment (an InService instance of one of its groups; its public address if it has one).
Result<ops::SshTunnelSpec> SshHost(OperationsSession& session, const DbArguments& args) {
  const spec::Stack& stack = session.stack();
  const spec::Operations& operations = stack.operations;
  ops::SshTunnelSpec tunnel;
  if (!args.via.empty()) {
    if (args.key.empty()) return InvalidArgumentError("--via needs --key FILE");
    tunnel.host = args.via;
    tunnel.user = args.via_user.empty() ? operations.ssh_user : args.via_user;
    tunnel.key_file = args.key;
    return tunnel;
  }
  if (!operations.ssh_entry_host.empty()) {
    tunnel.host = operations.ssh_entry_host;
    tunnel.user =
        operations.ssh_entry_user.empty() ? operations.ssh_user : operations.ssh_entry_user;
    if (operations.ssh_entry_key_pair.empty()) {
      return FailedPreconditionError(stack.spec_path +
                                     ": operations.ssh_entry has a host but no key_pair");
    }
    tunnel.key_file = KeyFile(stack, operations.ssh_entry_key_pair);
    return tunnel;
  }
  const spec::Environment& environment = session.environment();
  if (!environment.servers.has_value() || environment.servers->profiles.empty()) {
    return FailedPreconditionError("no way in: the spec has no operations.ssh_entry host and " +
                                   environment.name +
                                   " has no servers; pass --via HOST --key FILE");
  }
  ASSIGN_OR_RETURN(client::AwsClient * aws, session.Client());
  for (const spec::ServerProfile& profile : environment.servers->profiles) {
    Result<state::ResourceRecord> group = session.RecordedIn("autoscaling_group", profile.name);
    if (!group.ok()) continue;
    ASSIGN_OR_RETURN(Json groups, aws->Call("autoscaling", "DescribeAutoScalingGroups",
                                            {{"AutoScalingGroupNames", Json::array({group->id})}}));
    for (const Json& found : groups.value("AutoScalingGroups", Json::array())) {
      for (const Json& instance : found.value("Instances", Json::array())) {
        if (instance.value("LifecycleState", "") != "InService") continue;
        std::string id = instance.value("InstanceId", "");
        ASSIGN_OR_RETURN(Json described, aws->Call("ec2", "DescribeInstances",
                                                   {{"InstanceIds", Json::array({id})}}));
        for (const Json& reservation : described.value("Reservations", Json::array())) {
          for (const Json& running : reservation.value("Instances", Json::array())) {
            std::string address = running.value("PublicIpAddress", "");
            if (address.empty()) address = running.value("PrivateIpAddress", "");
            if (address.empty()) continue;
            tunnel.host = address;
            tunnel.user = operations.ssh_user;
            tunnel.key_file = KeyFile(stack, environment.servers->key_pair);
            return tunnel;
          }
        }
      }
    }
  }
  return FailedPreconditionError("no InService server of " + environment.name +
                                 " to tunnel through, and no operations.ssh_entry host; pass "
                                 "--via HOST --key FILE");
}

// The master password: the database's master_password_secret, at the ARN the state recorded.
Result<std::string> MasterPassword(OperationsSession& session, const spec::Database& database) {
  ASSIGN_OR_RETURN(state::ResourceRecord record,
                   session.RecordedIn("secret", database.master_password_secret));
  ASSIGN_OR_RETURN(client::AwsClient * aws, session.ClientFor(record));
  Result<Json> value = aws->Call("secretsmanager", "GetSecretValue", {{"SecretId", record.id}});
  if (!value.ok()) {
    return Status(value.status().code(), "reading the master password from " + record.id + " (" +
                                             record.address + "): " + value.status().message());
  }
  std::string secret = value->value("SecretString", "");
  // A JSON secret ({"username": ..., "password": ...}, as RDS-managed secrets are) holds it in
  // "password".
  if (Result<Json> parsed = ParseJson(secret); parsed.ok() && parsed->is_object()) {
    secret = parsed->value("password", "");
  }
  if (secret.empty()) {
    return FailedPreconditionError(record.id + " (" + record.address + ") holds no password");
  }
  return secret;
}

std::string TemporaryDirectory() {
  const char* directory = std::getenv("TMPDIR");
  return directory != nullptr && directory[0] != '\0' ? directory : "/tmp";
}

int RunShell(const DbArguments& args, const GlobalOptions& globals, const Output& output) {
  Result<std::unique_ptr<OperationsSession>> opened =
      OperationsSession::Open(args.session, globals, output);
  if (!opened.ok())
    return Fail(output, "shell", opened.status().message(), ExitFor(opened.status()));
  OperationsSession& session = **opened;
  Result<const spec::Database*> database = DatabaseOf(session);
  if (!database.ok()) return Fail(output, "shell", database.status().message());
  Result<state::ResourceRecord> instance = session.RecordedIn("db_instance", kDatabaseName);
  if (!instance.ok()) return Fail(output, "shell", instance.status().message());
  std::string endpoint = instance->outputs.value("endpoint", "");
  int port = instance->outputs.value("port", 3306);
  if (endpoint.empty()) {
    return Fail(output, "shell",
                instance->address +
                    " has no endpoint recorded yet; run vueops "
                    "apply once the instance is available");
  }
  Result<ops::SshTunnelSpec> tunnel = SshHost(session, args);
  if (!tunnel.ok()) return Fail(output, "shell", tunnel.status().message());
  // The key opens every server: refuse one others may read, as ssh does.
  if (Status mode = CheckPrivateFileMode(tunnel->key_file); !mode.ok()) {
    return Fail(output, "shell", mode.message());
  }
  Result<std::string> password = MasterPassword(session, **database);
  if (!password.ok()) return Fail(output, "shell", password.status().message());
  Result<int> local_port = ops::FreeLoopbackPort();
  if (!local_port.ok()) return Fail(output, "shell", local_port.status().message());
  tunnel->local_port = *local_port;
  tunnel->remote_host = endpoint;
  tunnel->remote_port = port;

  std::fprintf(output.err, "vueops db shell: tunnel 127.0.0.1:%d -> %s:%d through %s@%s\n",
               *local_port, endpoint.c_str(), port, tunnel->user.c_str(), tunnel->host.c_str());
  Result<ops::SshTunnel> open = ops::SshTunnel::Open(
      *tunnel, Clock::Real(), std::chrono::seconds(args.tunnel_timeout_seconds));
  if (!open.ok()) return Fail(output, "shell", open.status().message());
  Result<ops::MysqlOptionFile> options =
      ops::MysqlOptionFile::Create(TemporaryDirectory(), (*database)->master_username, *password);
  if (!options.ok()) return Fail(output, "shell", options.status().message());
  std::vector<std::string> mysql = {"mysql", options->Argument(), "--host=127.0.0.1",
                                    "--port=" + std::to_string(*local_port)};
  // The parameter group sets require_secure_transport when require_tls is on.
  if ((*database)->require_tls) mysql.push_back("--ssl-mode=REQUIRED");
  if (!args.database.empty()) mysql.push_back("--database=" + args.database);
  mysql.insert(mysql.end(), args.mysql_arguments.begin(), args.mysql_arguments.end());
  Result<int> status = ops::RunInForeground(mysql);
  if (!status.ok()) return Fail(output, "shell", status.status().message());
  return *status == 0 ? kExitOk : kExitFailure;
}

int RunGrow(const DbArguments& args, const GlobalOptions& globals, const Output& output) {
  int requested = 0;
  try {
    size_t used = 0;
    requested = std::stoi(args.size, &used);
    if (used != args.size.size() || requested <= 0) throw std::invalid_argument(args.size);
  } catch (const std::exception&) {
    return Fail(output, "grow", "SIZE_GB '" + args.size + "' is not a whole number of GB (e.g. 40)",
                kExitUsage);
  }
  OperationsOptions session_options = args.session;
  session_options.exclusive = true;
  session_options.operation = "db grow";
  Result<std::unique_ptr<OperationsSession>> opened =
      OperationsSession::Open(session_options, globals, output);
  if (!opened.ok())
    return Fail(output, "grow", opened.status().message(), ExitFor(opened.status()));
  OperationsSession& session = **opened;
  Result<const spec::Database*> database = DatabaseOf(session);
  if (!database.ok()) return Fail(output, "grow", database.status().message());
  Result<state::ResourceRecord> record = session.RecordedIn("db_instance", kDatabaseName);
  if (!record.ok()) return Fail(output, "grow", record.status().message());
  Result<client::AwsClient*> aws = session.ClientFor(*record);
  if (!aws.ok()) return Fail(output, "grow", aws.status().message());
  // The live size decides (a grow elsewhere may not be in the state).
  Result<Json> described =
      (*aws)->Call("rds", "DescribeDBInstances", {{"DBInstanceIdentifier", record->id}});
  if (!described.ok()) return Fail(output, "grow", described.status().message());
  Json instances = described->value("DBInstances", Json::array());
  if (instances.empty()) return Fail(output, "grow", "RDS instance " + record->id + " is gone");
  int current = instances[0].value("AllocatedStorage", 0);
  if (Status growth = ops::CheckStorageGrowth(current, requested); !growth.ok()) {
    return Fail(output, "grow", record->id + ": " + growth.message());
  }
  Result<Json> modified = (*aws)->Call("rds", "ModifyDBInstance",
                                       {{"DBInstanceIdentifier", record->id},
                                        {"AllocatedStorage", requested},
                                        {"ApplyImmediately", true}});
  if (!modified.ok()) return Fail(output, "grow", modified.status().message());
  state::ResourceRecord updated = *record;
  updated.attributes["allocated_storage"] = requested;
  if (Status saved = session.store().Put(updated); !saved.ok()) {
    return Fail(output, "grow",
                "the instance grows to " + std::to_string(requested) +
                    " GB, but the state could not record it (" + saved.message() +
                    "); the next vueops plan reads the new size anyway");
  }
  std::string hint = ops::SpecStorageHint(**database, requested);
  if (args.json) {
    Json out = {{"address", record->address}, {"id", record->id},          {"from_gb", current},
                {"to_gb", requested},         {"apply_immediately", true}, {"spec_change", hint}};
    std::fputs((DumpJson(out, 2) + "\n").c_str(), output.out);
    return kExitOk;
  }
  std::fprintf(output.out,
               "%s (%s): storage %d GB -> %d GB, applying now. The instance stays available "
               "while RDS optimizes the storage (hours for large volumes); no further change to "
               "its storage is possible for 6 hours.\n",
               record->address.c_str(), record->id.c_str(), current, requested);
  std::fprintf(output.out, "Recorded in %s. Update the spec so the next plan agrees:\n  %s\n",
               session.state_path().c_str(), hint.c_str());
  return kExitOk;
}

void AddSessionOptions(CLI::App* command, DbArguments& args) {
  command->add_option("ENV", args.session.environment, "The environment (prod, dev, ...)")
      ->required();
  command
      ->add_option("--spec", args.session.spec,
                   "The spec (file or folder; default $VUEOPS_SPEC, else ./stack.yaml)")
      ->type_name("PATH");
  command
      ->add_option("--state", args.session.state_file,
                   "The state file (default: the spec's state backend)")
      ->type_name("FILE");
}

}  // namespace

CLI::App* RegisterDbCommand(CLI::App& app, const GlobalOptions& globals, const Output& output,
                            CommandRunner* run) {
  auto* command = app.add_subcommand("db", "The environment's RDS MySQL: a shell, more storage");
  command->require_subcommand(1);
  command->footer(
      "Exit status: 0 success, 1 failure, 2 usage error (also an unknown environment).\n\n"
      "Examples:\n  vueops db shell prod\n  vueops db grow prod 40\n");

  auto shell_args = std::make_shared<DbArguments>();
  auto* shell = command->add_subcommand(
      "shell", "A mysql shell on the environment's database, through an SSH tunnel");
  AddSessionOptions(shell, *shell_args);
  shell
      ->add_option("--via", shell_args->via,
                   "Tunnel through this SSH host instead of operations.ssh_entry or a server")
      ->type_name("HOST");
  shell->add_option("--via-user", shell_args->via_user, "The login on --via (default ssh_user)")
      ->type_name("USER");
  shell->add_option("--key", shell_args->key, "The private key for --via (mode 0600)")
      ->type_name("FILE");
  shell->add_option("--database", shell_args->database, "The schema mysql opens")
      ->type_name("NAME");
  shell
      ->add_option("--tunnel-timeout", shell_args->tunnel_timeout_seconds,
                   "Seconds to wait for the tunnel (default 30)")
      ->type_name("SECONDS");
  shell->add_option("MYSQL_ARGS", shell_args->mysql_arguments,
                    "After --: more arguments for mysql (-e 'SHOW DATABASES')");
  shell->footer(
      "Opens ssh -N -L 127.0.0.1:PORT:ENDPOINT:3306 through operations.ssh_entry's host (its\n"
      "key_pair's <secrets_dir>/<key_pair>.pem), or else through an InService server of the\n"
      "environment (servers.key_pair), then runs mysql on the tunnel. The master user is the\n"
      "database's master_username; its password is read from the master_password_secret in\n"
      "Secrets Manager and handed to mysql in a temporary option file of mode 0600\n"
      "(--defaults-extra-file), removed when mysql exits: never on a command line, in the\n"
      "environment or on the screen. Keys must be mode 0600. ssh and mysql come from PATH.\n"
      "Exit status: 0 when mysql succeeds, 1 otherwise, 2 usage error.\n\n"
      "Examples:\n"
      "  vueops db shell prod\n"
      "  vueops db shell dev --database mpf -- -e 'SHOW PROCESSLIST'\n"
      "  vueops db shell prod --via bastion.example.com --key ~/.ssh/bastion.pem\n");

  auto grow_args = std::make_shared<DbArguments>();
  auto* grow = command->add_subcommand(
      "grow", "Raise the database's allocated storage (RDS storage never shrinks)");
  AddSessionOptions(grow, *grow_args);
  grow->add_option("SIZE_GB", grow_args->size, "The new allocated storage in GB")->required();
  grow->add_flag("--json", grow_args->json, "Print the change as JSON");
  grow->footer(
      "ModifyDBInstance with AllocatedStorage and ApplyImmediately: the instance stays\n"
      "available while it grows. A smaller or equal size is refused (RDS storage never\n"
      "shrinks), as is less than 10% more (RDS's minimum step). The new size is recorded in the\n"
      "state's db_instance record; the command prints the spec line to change so that the next\n"
      "plan agrees.\n"
      "Exit status: 0 success, 1 failure or refusal, 2 usage error.\n\n"
      "Examples:\n  vueops db grow prod 40\n  vueops db grow dev 25 --json\n");

  *run = [shell_args, grow_args, grow, &globals, &output]() {
    if (grow->parsed()) return RunGrow(*grow_args, globals, output);
    return RunShell(*shell_args, globals, output);
  };
  return command;
}

}  // namespace vueops::cli
