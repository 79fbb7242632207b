// vueops aws SERVICE OPERATION: any operation of any embedded AWS model, printed as the AWS
// CLI v1 prints it.
#include <CLI/CLI.hpp>
#include <string>

#include "base/did_you_mean.h"
#include "base/file.h"
#include "base/json.h"
#include "cli/commands.h"
#include "client/default_client.h"
#include "model/cli_name.h"
#include "model/jmespath.h"
#include "model/model_registry.h"

namespace vueops::cli {
namespace {

// --input-json files are requests, not data sets: anything larger is a mistake. (The largest
// single request body AWS takes is S3 PutObject's 5 GB, which goes through `aws s3`.)
constexpr uint64_t kMaxInputJsonBytes = 64 << 20;

struct AwsArguments {
  std::string service;
  std::string operation;
  std::string input_json;
  std::string query;
  bool paginate = false;
  bool help = false;
  // The AWS options given after the command (those before it are in GlobalOptions).
  std::string profile;
  std::string region;
  std::string endpoint_url;
  bool no_color = false;  // accepted here too; the JSON output is never coloured
  // Everything else after the operation: its members as options (--group-name web).
  std::vector<std::string> member_options;
};

constexpr char kUsage[] =
    "Usage: vueops aws SERVICE OPERATION [--input-json JSON|@FILE] [--paginate] "
    "[--query JMESPATH]\n"
    "                  [--profile P] [--region R] [--endpoint-url URL]\n";

std::string ServicesHelp() {
  std::string text = kUsage;
  text +=
      "\nCalls one AWS API operation and prints its result as JSON, as `aws SERVICE OPERATION`\n"
      "(the AWS CLI v1) prints it. SERVICE is the model's name, OPERATION the CLI form\n"
      "(describe-security-groups) or the API form (DescribeSecurityGroups). Credentials, region\n"
      "and endpoints come the standard AWS way (AWS_PROFILE, ~/.aws/config, AWS_REGION,\n"
      "AWS_ENDPOINT_URL, ...); --profile, --region and --endpoint-url come first.\n\n"
      "Options:\n"
      "  --MEMBER VALUE           one input member, as the AWS CLI names it (--group-name web,\n"
      "                           --group-ids sg-1 sg-2, --dry-run / --no-dry-run); structures\n"
      "                           and lists of them as JSON; these override --input-json\n"
      "  --input-json JSON|@FILE  the operation's input members (file://FILE works too)\n"
      "  --paginate               follow the operation's paginator and merge every page\n"
      "  --query JMESPATH         print only what the expression selects\n"
      "  --profile P, --region R, --endpoint-url URL  (also before 'aws')\n\n"
      "Exit status: 0 success, 1 the call failed (AWS error or no answer), 2 usage error.\n\n"
      "Examples:\n"
      "  vueops aws sts get-caller-identity\n"
      "  vueops aws ec2 describe-security-groups --group-names web\n"
      "  vueops aws ec2 describe-security-groups --input-json '{\"GroupNames\": [\"web\"]}'\n"
      "  vueops aws iam list-roles --paginate --query 'Roles[].RoleName'\n"
      "  vueops aws ec2 --help          (the operations of a service)\n\n"
      "Services:\n";
  for (std::string_view name : model::EmbeddedServiceNames()) {
    text += "  " + std::string(name) + "\n";
  }
  return text;
}

std::string OperationsHelp(const model::ServiceModel& service) {
  std::string text = "vueops aws " + service.name() +
                     " OPERATION: " + service.metadata().service_full_name + " (API " +
                     service.metadata().api_version + ")\n\nOperations:\n";
  for (const model::Operation& operation : service.operations()) {
    text += "  " + operation.cli_name + "\n";
  }
  text += "\nRun 'vueops aws " + service.name() + " OPERATION --help' for an operation's input.\n";
  return text;
}

std::string OperationHelp(const model::ServiceModel& service, const model::Operation& operation) {
  std::string text =
      "vueops aws " + service.name() + " " + operation.cli_name + " (" + operation.name + ")\n";
  if (service.FindPaginator(operation.name) != nullptr) {
    text += "Pageable: --paginate merges every page.\n";
  }
  if (!operation.input || operation.input.shape->members.empty()) {
    return text + "\nInput: none.\n";
  }
  text += "\nInput members (--MEMBER VALUE or in --input-json), * required:\n";
  for (const model::Member& member : operation.input.shape->members) {
    text += "  " + std::string(member.required ? "* " : "  ") + "--" + model::CliName(member.name) +
            "  " + member.name + "  (" + std::string(model::ShapeTypeName(member.shape->type));
    if (!member.shape->enum_values.empty()) {
      text += ": ";
      for (size_t i = 0; i < member.shape->enum_values.size(); ++i) {
        text += (i ? " | " : "") + member.shape->enum_values[i];
      }
    }
    text += ")\n";
  }
  return text;
}

// The --input-json text: inline JSON, or @FILE / file://FILE.
Result<Json> ReadInput(const std::string& argument) {
  if (argument.empty()) return Json::object();
  std::string text = argument;
  std::string origin = "--input-json";
  for (std::string_view prefix : {"@", "file://"}) {
    if (argument.starts_with(prefix)) {
      std::string path = argument.substr(prefix.size());
      ASSIGN_OR_RETURN(text, ReadFile(path, kMaxInputJsonBytes));
      origin = "--input-json file " + path;
      break;
    }
  }
  Result<Json> input = ParseJson(text);
  if (!input.ok()) return input.status().WithContext(origin + " is not valid JSON");
  if (!input->is_object()) {
    return InvalidArgumentError(origin + " must be a JSON object of the operation's members");
  }
  return input;
}

// One member option's value from its words, by the member's type: scalars as written, lists
// of scalars as several words, anything structured as one JSON word.
Result<Json> MemberValue(const model::Member& member, const std::string& option,
                         const std::vector<std::string>& words) {
  const model::Shape& shape = *member.shape;
  auto scalar = [&](const model::Shape& type, const std::string& word) -> Result<Json> {
    switch (type.type) {
      case model::ShapeType::kInteger:
      case model::ShapeType::kLong:
      case model::ShapeType::kFloat:
      case model::ShapeType::kDouble: {
        Result<Json> number = ParseJson(word);
        if (!number.ok() || !number->is_number()) {
          return InvalidArgumentError(option + " takes a number, not '" + word + "'");
        }
        return number;
      }
      case model::ShapeType::kBoolean:
        if (word == "true" || word == "false") return Json(word == "true");
        return InvalidArgumentError(option + " takes true or false, not '" + word + "'");
      case model::ShapeType::kStructure:
      case model::ShapeType::kList:
      case model::ShapeType::kMap: {
        Result<Json> value = ParseJson(word);
        if (!value.ok()) {
          return InvalidArgumentError(option +
                                      " takes JSON (the AWS CLI's shorthand syntax is "
                                      "not supported): " +
                                      value.status().message());
        }
        return value;
      }
      default: return Json(word);
    }
  };
  if (shape.type == model::ShapeType::kBoolean && words.empty()) return Json(true);
  if (shape.is_list() && shape.element.shape->is_scalar() &&
      !(words.size() == 1 && words[0].starts_with("["))) {
    Json list = Json::array();
    for (const std::string& word : words) {
      ASSIGN_OR_RETURN(Json element, scalar(*shape.element.shape, word));
      list.push_back(std::move(element));
    }
    if (list.empty()) return InvalidArgumentError(option + " needs at least one value");
    return list;
  }
  if (words.size() != 1) {
    return InvalidArgumentError(option + " takes one value, got " + std::to_string(words.size()));
  }
  return scalar(shape, words[0]);
}

// Folds `--member value...` words into `input`, as the AWS CLI reads its parameters.
Status ApplyMemberOptions(const model::Operation& operation, const std::vector<std::string>& words,
                          Json& input) {
  std::vector<std::string> names;
  if (operation.input) {
    for (const model::Member& member : operation.input.shape->members) {
      names.push_back("--" + model::CliName(member.name));
    }
  }
  for (size_t i = 0; i < words.size();) {
    const std::string& option = words[i];
    if (!option.starts_with("--")) {
      return InvalidArgumentError("unexpected argument '" + option + "'");
    }
    std::vector<std::string> values;
    size_t next = i + 1;
    for (; next < words.size() && !words[next].starts_with("--"); ++next) {
      values.push_back(words[next]);
    }
    const model::Member* found = nullptr;
    bool negated = false;
    if (operation.input) {
      for (const model::Member& member : operation.input.shape->members) {
        std::string name = "--" + model::CliName(member.name);
        if (option == name) found = &member;
        if (member.shape->type == model::ShapeType::kBoolean &&
            option == "--no-" + name.substr(2)) {
          found = &member;
          negated = true;
        }
      }
    }
    if (found == nullptr) {
      std::string message = "unknown option " + option + " for " + operation.service->name() + " " +
                            operation.cli_name;
      std::string hint = DidYouMean(option, names);
      return InvalidArgumentError(hint.empty() ? message : message + "; " + hint);
    }
    if (negated) {
      if (!values.empty()) return InvalidArgumentError(option + " takes no value");
      input[found->name] = false;
    } else {
      ASSIGN_OR_RETURN(input[found->name], MemberValue(*found, option, values));
    }
    i = next;
  }
  return Status::Ok();
}

// The AWS CLI v1's JSON output: 4-space indent, non-ASCII as is, nothing for an empty result.
void PrintResult(const Json& result, FILE* out) {
  if (result.is_object() && result.empty()) return;
  std::string text = DumpJson(result, 4);
  text += '\n';
  std::fwrite(text.data(), 1, text.size(), out);
}

int RunAws(AwsArguments args, const GlobalOptions& globals, const Output& output) {
  // The AWS CLI calls S3's API commands s3api (its `s3` is the high-level file commands);
  // the model's name is s3. Both are accepted, so a command copied from the CLI works.
  if (args.service == "s3api") args.service = "s3";
  if (args.service.empty()) {
    std::fputs(ServicesHelp().c_str(), args.help ? output.out : output.err);
    return args.help ? kExitOk : kExitUsage;
  }
  Result<const model::ServiceModel*> service = model::LoadServiceModel(args.service);
  if (!service.ok()) {
    std::fprintf(output.err, "vueops aws: %s\nRun 'vueops aws --help' for the services.\n",
                 service.status().message().c_str());
    return kExitUsage;
  }
  if (args.operation.empty()) {
    std::fputs(OperationsHelp(**service).c_str(), args.help ? output.out : output.err);
    return args.help ? kExitOk : kExitUsage;
  }
  Result<const model::Operation*> operation = (*service)->GetOperation(args.operation);
  if (!operation.ok()) {
    std::fprintf(output.err, "vueops aws: %s\nRun 'vueops aws %s --help' for its operations.\n",
                 operation.status().message().c_str(), args.service.c_str());
    return kExitUsage;
  }
  if (args.help) {
    std::fputs(OperationHelp(**service, **operation).c_str(), output.out);
    return kExitOk;
  }
  Result<Json> input = ReadInput(args.input_json);
  Status members =
      input.ok() ? ApplyMemberOptions(**operation, args.member_options, *input) : input.status();
  if (!members.ok()) {
    std::fprintf(output.err, "vueops aws: %s\n", members.message().c_str());
    return kExitUsage;
  }
  std::optional<jmespath::Expression> query;
  if (!args.query.empty()) {
    Result<jmespath::Expression> compiled = jmespath::Expression::Compile(args.query);
    if (!compiled.ok()) {
      std::fprintf(output.err, "vueops aws: --query: %s\n", compiled.status().message().c_str());
      return kExitUsage;
    }
    query = std::move(*compiled);
  }

  client::DefaultClientOptions options;
  options.profile = args.profile.empty() ? globals.profile : args.profile;
  options.region = args.region.empty() ? globals.region : args.region;
  options.endpoint_url = args.endpoint_url.empty() ? globals.endpoint_url : args.endpoint_url;
  options.notes = [&output](std::string_view note) {
    std::fprintf(output.err, "vueops: note: %.*s\n", static_cast<int>(note.size()), note.data());
  };
  Result<std::unique_ptr<client::DefaultClient>> wiring = client::MakeDefaultClient(options);
  if (!wiring.ok()) {
    std::fprintf(output.err, "vueops aws: %s\n", wiring.status().message().c_str());
    return kExitFailure;
  }
  client::CallOptions call_options;
  // As the AWS CLI v1 prints them: timestamps as sent, blobs in base64.
  call_options.parse.timestamps = protocol::TimestampOutput::kWire;
  client::AwsClient& aws = (*wiring)->client();
  Result<Json> result =
      args.paginate ? aws.CallAllPages(args.service, (*operation)->name, *input, call_options)
                    : aws.Call(args.service, (*operation)->name, *input, nullptr, call_options);
  if (!result.ok()) {
    std::fprintf(output.err, "vueops aws: %s\n", result.status().message().c_str());
    // Bad input found before sending is the caller's to fix, like a usage error.
    bool before_sending =
        result.status().code() == StatusCode::kInvalidArgument &&
        result.status().message().find("Parameter validation failed") != std::string::npos;
    return before_sending ? kExitUsage : kExitFailure;
  }
  if (query) {
    Result<Json> selected = query->Search(*result);
    if (!selected.ok()) {
      std::fprintf(output.err, "vueops aws: --query: %s\n", selected.status().message().c_str());
      return kExitFailure;
    }
    // The CLI prints what the query selects, even an empty object or null.
    std::string text = DumpJson(*selected, 4) + "\n";
    std::fwrite(text.data(), 1, text.size(), output.out);
    return kExitOk;
  }
  PrintResult(*result, output.out);
  return kExitOk;
}

}  // namespace

CLI::App* RegisterAwsCommand(CLI::App& app, const GlobalOptions& globals, const Output& output,
                             CommandRunner* run) {
  auto* command = app.add_subcommand(
      "aws", "Call any AWS API operation (vueops aws SERVICE OPERATION), as the AWS CLI does");
  auto args = std::make_shared<AwsArguments>();
  // Help is the command's own: it lists services, a service's operations or an operation's
  // input depending on what precedes it.
  command->set_help_flag();
  command->add_flag("-h,--help", args->help, "Show the services, operations or input members");
  command->add_option("service", args->service, "The service (ec2, s3, iam, ...)");
  command->add_option("operation", args->operation,
                      "The operation (describe-vpcs or DescribeVpcs)");
  command->add_option("--input-json", args->input_json,
                      "The input members as JSON, or @FILE / file://FILE");
  command->add_flag("--paginate", args->paginate, "Follow the paginator and merge every page");
  command->add_option("--query", args->query, "A JMESPath expression applied to the result");
  // Unknown options are the operation's members (--group-name web): they are collected here
  // rather than handed to the top-level parser, so the AWS options are repeated on the command.
  command->fallthrough(false);
  command->allow_extras();
  command->add_option("--profile", args->profile, "AWS profile")->group("AWS options");
  command->add_option("--region", args->region, "AWS region")->group("AWS options");
  command->add_option("--endpoint-url", args->endpoint_url, "One endpoint for every service")
      ->group("AWS options");
  command->add_flag("--no-color", args->no_color, "Never colour the output")->group("");
  command->footer("Run 'vueops aws --help' for the services and examples.");
  *run = [args, command, &globals, &output]() {
    args->member_options = command->remaining();
    return RunAws(*args, globals, output);
  };
  return command;
}

}  // namespace vueops::cli
