#include "spec/loader.h"

#include <sys/stat.h>

#include <algorithm>
#include <set>
#include <tuple>

#include "base/did_you_mean.h"
#include "base/file.h"
#include "spec/decode.h"
#include "spec/merge.h"
#include "spec/resolve.h"

namespace vueops::spec {
namespace {

// The spec format this vueops reads (the top-level "vueops:" key).
constexpr int kSpecVersion = 1;

bool IsDirectory(const std::string& path) {
  struct stat info;
  return ::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

// Environment names become parts of AWS names (vueocity-prod-servers), so they are short,
// lowercase and DNS-safe.
bool IsValidEnvironmentName(const std::string& name) {
  return !name.empty() && name.size() <= 20 && std::islower(static_cast<unsigned char>(name[0])) &&
         name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string::npos &&
         name.back() != '-';
}

// The template chain of `name`, fully merged (extends: applied), or nullptr after reporting.
NodePtr ResolveTemplate(DecodeContext& context, const Node& templates, const std::string& name,
                        std::vector<std::string>& chain) {
  const MapEntry* entry = templates.Find(name);
  if (entry == nullptr) return nullptr;
  if (std::find(chain.begin(), chain.end(), name) != chain.end()) {
    std::string cycle;
    for (const std::string& link : chain) cycle += link + " -> ";
    context.Error("spec.reference", entry->key_location,
                  "templates extend each other in a cycle: " + cycle + name,
                  "remove the extends: that closes the loop");
    return nullptr;
  }
  if (!entry->value->is_mapping()) {
    context.Error("spec.type", *entry->value,
                  "template '" + name + "' must be a mapping of environment settings");
    return nullptr;
  }
  const MapEntry* extends = entry->value->Find("extends");
  NodePtr own = WithoutKey(entry->value, "extends");
  if (extends == nullptr) return own;
  std::string parent;
  if (!ReadString(context, *extends->value, "extends", &parent)) return nullptr;
  if (templates.Find(parent) == nullptr) {
    std::vector<std::string> names;
    for (const MapEntry& t : templates.entries) names.push_back(t.key);
    context.Error("spec.reference", *extends->value,
                  "template '" + name + "' extends unknown template '" + parent + "'",
                  SuggestName(parent, names));
    return nullptr;
  }
  chain.push_back(name);
  NodePtr base = ResolveTemplate(context, templates, parent, chain);
  chain.pop_back();
  return base ? MergeNodes(base, own) : nullptr;
}

void DecodeOperations(DecodeContext& context, const Node* node, Operations* out) {
  MapReader reader(context, node, "operations", out);
  reader.String("secrets_dir", &out->secrets_dir);
  if (const Node* entry = reader.Get("ssh_entry")) {
    MapReader ssh(context, entry, "ssh_entry of operations");
    ssh.String("account", &out->ssh_entry_account);
    ssh.String("host", &out->ssh_entry_host, true);
    ssh.String("key_pair", &out->ssh_entry_key_pair);
    ssh.String("user", &out->ssh_entry_user);
    ssh.Finish();
  }
  reader.String("ssh_user", &out->ssh_user);
  std::string credentials;
  if (reader.String("credentials", &credentials)) {
    if (credentials == "profile" || credentials == "aws-yaml") {
      out->credentials = credentials;
    } else {
      ReportBadEnum(context, *reader.Get("credentials"), "credentials of operations",
                    {"profile", "aws-yaml"});
    }
  }
  reader.String("operator_profile", &out->operator_profile);
  reader.Finish();
}

void DecodeState(DecodeContext& context, const Node* node, StateBackend* out) {
  MapReader reader(context, node, "state", out);
  std::string backend;
  if (reader.String("backend", &backend)) {
    if (backend == "local" || backend == "s3") {
      out->kind = backend;
    } else {
      ReportBadEnum(context, *reader.Get("backend"), "backend of state", {"local", "s3"});
    }
  }
  reader.String("path", &out->path);
  reader.String("bucket", &out->bucket, out->kind == "s3");
  reader.String("key", &out->key);
  reader.String("region", &out->region);
  reader.String("account", &out->account);
  reader.String("role", &out->role);
  std::string lock;
  if (reader.String("lock", &lock)) {
    if (lock == "s3" || lock == "dynamodb") {
      out->lock = lock;
    } else {
      ReportBadEnum(context, *reader.Get("lock"), "lock of state", {"s3", "dynamodb"});
    }
  }
  reader.String("dynamodb_table", &out->dynamodb_table, out->lock == "dynamodb");
  reader.Integer("lease_seconds", &out->lease_seconds, 10, 3600);
  reader.Finish();
}

void DecodeLint(DecodeContext& context, const Node* node, Stack* stack) {
  Element lint;
  MapReader reader(context, node, "lint", &lint);
  int index = 0;
  reader.EachItem("suppress", "suppressions", [&](const Node& item) {
    Suppression& suppression = stack->suppressions.emplace_back();
    MapReader entry(context, &item, "suppression " + std::to_string(++index), &suppression,
                    true);
    entry.String("rule", &suppression.rule, true);
    entry.String("where", &suppression.where);
    // A suppression without a reason is a finding nobody can review later.
    entry.String("reason", &suppression.reason, true);
    entry.Finish();
  });
  reader.Finish();
}

void DecodeEnvironments(DecodeContext& context, MapReader& top, Stack* stack) {
  const Node* templates = top.Get("templates");
  if (templates != nullptr && !templates->is_mapping()) {
    context.Error("spec.type", *templates, "templates must be a mapping of templates by name");
    templates = nullptr;
  }
  std::vector<std::string> template_names;
  if (templates != nullptr) {
    for (const MapEntry& entry : templates->entries) template_names.push_back(entry.key);
  }
  std::set<std::string> used_templates;
  bool any_template_failed = false;
  top.EachEntry("environments", "environments", [&](const MapEntry& entry) {
    if (!IsValidEnvironmentName(entry.key)) {
      context.Error("spec.value", entry.key_location,
                    "environment name '" + entry.key + "' is not usable in AWS names",
                    "use up to 20 lowercase letters, digits and hyphens, starting with a letter",
                    static_cast<uint32_t>(entry.key.size()));
    }
    if (!entry.value->is_mapping()) {
      context.Error("spec.type", *entry.value,
                    "environment '" + entry.key + "' must be a mapping (account: ..., ...)");
      return;
    }
    NodePtr node = entry.value;
    std::string template_name;
    const MapEntry* chosen = node->Find("template");
    if (chosen != nullptr && chosen->value->is_null()) {
      // "template: ~" opts out of the default template.
    } else if (chosen != nullptr) {
      ReadString(context, *chosen->value, "template", &template_name);
    } else if (templates != nullptr && templates->Find("default") != nullptr) {
      template_name = "default";
    }
    bool template_failed = false;
    if (!template_name.empty()) {
      std::vector<std::string> chain;
      NodePtr base = templates ? ResolveTemplate(context, *templates, template_name, chain)
                               : nullptr;
      template_failed = base == nullptr;
      any_template_failed = any_template_failed || template_failed;
      if (base == nullptr && (templates == nullptr || templates->Find(template_name) == nullptr)) {
        context.Error(
            "spec.reference", *chosen->value,
            "environment '" + entry.key + "' uses unknown template '" + template_name + "'",
            SuggestName(template_name, template_names));
      }
      if (base) node = MergeNodes(base, node);
      // The template and every template it extends are in use.
      for (std::string link = template_name; !link.empty() && used_templates.insert(link).second;) {
        const MapEntry* used = templates ? templates->Find(link) : nullptr;
        const MapEntry* extends = used ? used->value->Find("extends") : nullptr;
        link = extends && extends->value->is_scalar() ? extends->value->scalar : "";
      }
    }
    Environment& env = stack->environments.emplace_back();
    env.template_name = template_name;
    env.region = stack->region;
    std::string account;
    if (const MapEntry* written = node->Find("account"); written && written->value->is_scalar()) {
      account = written->value->scalar;
    }
    if (const MapEntry* written = node->Find("region"); written && written->value->is_scalar()) {
      env.region = written->value->scalar;
    }
    std::vector<std::pair<std::string, std::string>> variables = {
        {"stack", stack->name}, {"env", entry.key}, {"account", account}, {"region", env.region}};
    // vars: the environment's own ${names}, for what differs per environment (its domain).
    // Their values may use the built-in variables.
    context.SetVariables(variables);
    if (const MapEntry* vars = node->Find("vars")) {
      MapReader reader(context, vars->value.get(), "vars of environment '" + entry.key + "'");
      if (reader.ok()) {
        for (const MapEntry& var : vars->value->entries) {
          std::string value;
          reader.Get(var.key);
          bool builtin = std::any_of(variables.begin(), variables.end(),
                                     [&](const auto& v) { return v.first == var.key; });
          if (builtin) {
            context.Error("spec.value", var.key_location,
                          "'" + var.key + "' is a built-in variable and cannot be set");
          } else if (ReadString(context, *var.value, "var '" + var.key + "'", &value)) {
            variables.emplace_back(var.key, value);
          }
        }
      }
    }
    context.SetVariables(std::move(variables));
    size_t reported = context.diagnostics().size();
    DecodeEnvironment(context, *node, entry.key, &env);
    if (template_failed) {
      // The template's error is reported; what it would have given is unknown, so a key
      // that looks missing (network, say) may well come from it once it is fixed.
      std::vector<Diagnostic>& items = context.diagnostics().mutable_items();
      items.erase(std::remove_if(items.begin() + static_cast<std::ptrdiff_t>(reported), items.end(),
                                 [](const Diagnostic& d) { return d.code == "spec.missing"; }),
                  items.end());
    }
    env.location = entry.key_location;
    context.SetVariables({});
  });
  // When a template reference failed, the template it meant looks unused: say nothing then.
  if (templates != nullptr && !any_template_failed) {
    for (const MapEntry& entry : templates->entries) {
      if (!used_templates.count(entry.key)) {
        // Nothing decodes an unused template, so its mistakes would go unnoticed.
        Diagnostic& d = context.diagnostics().Warning(
            "spec.unused", entry.key_location,
            "template '" + entry.key + "' is used by no environment, so it is not checked",
            "name it in an environment's template:, or remove it");
        d.length = static_cast<uint32_t>(entry.key.size());
      }
    }
  }
  if (top.ok() && top.Get("environments") == nullptr) {
    top.Require("environments", "environments: {prod: {account: vueprod, ...}}");
  }
}

// The top-level keys of a spec, for telling a spec with typos from some other YAML file.
const std::vector<std::string> kTopLevelKeys = {
    "vueops",     "name",  "region", "organization", "access",
    "operations", "state", "lint",   "templates",    "environments"};

// True when no key of the top-level mapping is, or resembles, a spec section: the file is
// some other YAML (a compose file, a CloudFormation template), and a "needs ..." for every
// section would bury the one thing worth saying.
bool IsSomeOtherYaml(const Node& root) {
  // A spec has a dozen top-level keys; looking further only costs time on a big data file.
  constexpr size_t kKeysLookedAt = 100;
  for (size_t i = 0; i < root.entries.size() && i < kKeysLookedAt; ++i) {
    if (SuggestKey(root.entries[i].key, kTopLevelKeys)) return false;
  }
  return true;
}

// True when every line that is not blank is a comment, and there is one.
bool HoldsOnlyComments(std::string_view text) {
  bool comment = false;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = std::min(text.find('\n', start), text.size());
    std::string_view line = text.substr(start, end - start);
    size_t first = line.find_first_not_of(" \t\r");
    if (first != std::string_view::npos) {
      if (line[first] != '#') return false;
      comment = true;
    }
    start = end + 1;
  }
  return comment;
}

// One mistake can cause hundreds of errors (the wrong file, a template used everywhere);
// past this many, the rest are counted, not shown.
constexpr size_t kMaxErrorsShown = 100;

// REQUIRES: the diagnostics are sorted; the note goes last.
void LimitErrors(Diagnostics& diagnostics, SourceId source) {
  size_t errors = 0;
  size_t dropped = 0;
  std::erase_if(diagnostics.mutable_items(), [&](const Diagnostic& d) {
    if (d.severity != Severity::kError || ++errors <= kMaxErrorsShown) return false;
    ++dropped;
    return true;
  });
  if (dropped == 0) return;
  diagnostics.Add(Severity::kInfo, "spec.limit", {source, 0, 0},
                  std::to_string(dropped) + " more errors are not shown",
                  "fix the first ones: one mistake often causes many");
}

// A template's mistake reaches every environment made from it; say it once.
void RemoveDuplicates(Diagnostics& diagnostics) {
  std::set<std::tuple<Location, std::string, std::string>> seen;
  std::erase_if(diagnostics.mutable_items(), [&](const Diagnostic& d) {
    return !seen.emplace(d.location, d.code, d.message).second;
  });
}

// Decodes and checks a parsed spec; the diagnostics come back sorted, not yet limited.
LoadResult DecodeTree(const std::string& path, const NodePtr& root) {
  LoadResult result;
  DecodeContext context(result.diagnostics, DirectoryOf(path));
  Stack& stack = result.stack.emplace();
  stack.spec_path = path;
  stack.spec_dir = DirectoryOf(path);
  MapReader top(context, root.get(), "the stack spec", &stack, true);
  if (!top.ok()) {
    if (result.diagnostics.empty()) return result;
    result.diagnostics.mutable_items().back().hint =
        "a spec is a mapping that starts with 'vueops: 1' and 'name: ...'; see "
        "examples/vueocity/stack.yaml";
    return result;
  }
  if (IsSomeOtherYaml(*root)) {
    context.Error("spec.file", root->location,
                  "this is not a vueops stack spec: none of its keys is a spec section",
                  "is this the right file? a spec has vueops: 1, name, organization, access "
                  "and environments");
    return result;
  }
  if (const Node* version = top.Get("vueops")) {
    if (ReadInteger(context, *version, "vueops (the spec format version)", 0, 1000,
                    &stack.version) &&
        stack.version != kSpecVersion) {
      context.Error("spec.value", *version,
                    "this vueops reads spec format " + std::to_string(kSpecVersion) + ", not " +
                        std::to_string(stack.version),
                    "write vueops: 1, or use the vueops release that wrote this spec");
    }
  }
  if (top.String("name", &stack.name, true) &&
      (stack.name.empty() || stack.name.size() > 32 ||
       stack.name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") !=
           std::string::npos)) {
    context.Error("spec.value", *top.Get("name"),
                  "stack name '" + stack.name + "' is not usable in AWS names",
                  "use up to 32 lowercase letters, digits and hyphens");
  }
  if (top.String("region", &stack.region, true) && !LooksLikeRegionName(stack.region)) {
    context.Error("spec.value", *top.Get("region"),
                  "region '" + stack.region + "' is not an AWS region name",
                  "regions look like us-west-2 or eu-central-1");
  }
  DecodeOrganization(context, top.Get("organization"), &stack.organization);
  if (top.Get("organization") == nullptr) {
    top.Require("organization", "organization: {management_account: vueorg, accounts: {...}}");
  }
  DecodeAccess(context, top.Get("access"), &stack.access);
  if (top.Get("access") == nullptr) top.Require("access", "access: {identity_account: vueusers}");
  DecodeOperations(context, top.Get("operations"), &stack.operations);
  DecodeState(context, top.Get("state"), &stack.state);
  DecodeLint(context, top.Get("lint"), &stack);
  DecodeEnvironments(context, top, &stack);
  top.Finish();
  Resolve(context, stack);
  RemoveDuplicates(result.diagnostics);
  result.diagnostics.SortByLocation();
  return result;
}

}  // namespace

LoadResult LoadStack(const std::string& path, const LoadOptions& options) {
  std::string file = IsDirectory(path) ? JoinPath(path, kDefaultSpecFile) : path;
  // Read a little past the limit so that ParseYaml can name the size in its message.
  Result<std::string> text = ReadFile(file, options.limits.max_bytes);
  if (!text.ok()) {
    LoadResult result;
    SourceId source = RegisterSource(file, "");
    std::string hint;
    if (text.status().code() == StatusCode::kNotFound) {
      hint = IsDirectory(path) ? "the folder has no stack.yaml"
                               : "give the path of a stack spec (stack.yaml) or its folder";
    } else if (text.status().code() == StatusCode::kResourceExhausted) {
      hint = "is this the right file? a whole organization's spec is a few hundred KB";
    }
    result.diagnostics.Error(text.status().code() == StatusCode::kResourceExhausted
                                 ? "spec.limit"
                                 : "spec.file",
                             {source, 0, 0}, text.status().message(), hint);
    return result;
  }
  return LoadStackFromText(file, std::move(*text), options);
}

LoadResult LoadStackFromText(const std::string& path, std::string text,
                             const LoadOptions& options) {
  LoadResult result;
  // yaml-cpp skips a UTF-8 byte-order mark (editors on Windows write one) and counts
  // columns without it; dropping it keeps the source line shown under an error in step.
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  bool only_comments = HoldsOnlyComments(text);
  SourceId source = RegisterSource(path, std::move(text));
  NodePtr root = ParseYaml(source, result.diagnostics, options.limits);
  if (root == nullptr) return result;
  if (root->is_null()) {
    result.diagnostics.Error("spec.missing", {source, 1, 1},
                             only_comments ? "the spec holds only comments" : "the spec is empty",
                             "start from examples/vueocity/stack.yaml");
    return result;
  }
  LoadResult decoded = DecodeTree(path, root);
  decoded.diagnostics.Append(result.diagnostics);
  decoded.diagnostics.SortByLocation();
  LimitErrors(decoded.diagnostics, source);
  return decoded;
}

LoadResult LoadStackFromTree(const std::string& path, const NodePtr& root,
                             const LoadOptions&) {
  LoadResult result = DecodeTree(path, root);
  LimitErrors(result.diagnostics, root->location.file);
  return result;
}

}  // namespace vueops::spec
