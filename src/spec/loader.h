// The public entry point of the spec module: a stack spec file in, a typed, checked Stack
// and every problem found out.
#ifndef VUEOPS_SPEC_LOADER_H_
#define VUEOPS_SPEC_LOADER_H_

#include <optional>
#include <string>

#include "base/diagnostic.h"
#include "spec/stack.h"
#include "spec/yaml_loader.h"

namespace vueops::spec {

struct LoadOptions {
  YamlLimits limits;
};

struct LoadResult {
  // Present whenever the file was readable YAML with a mapping at the top, even with errors,
  // so that tools can show as much as they can; trust it only when !diagnostics.has_errors().
  std::optional<Stack> stack;
  Diagnostics diagnostics;

  bool ok() const { return stack.has_value() && !diagnostics.has_errors(); }
};

// The file name vueops looks for when given a folder.
inline constexpr const char* kDefaultSpecFile = "stack.yaml";

// Loads and checks the spec at `path` (a file, or a folder holding stack.yaml): YAML syntax,
// every key and type, templates and environments, references between elements, CIDRs and
// ports, and files the spec names. All problems are reported in one pass, sorted by place.
LoadResult LoadStack(const std::string& path, const LoadOptions& options = {});

// The same for text already in memory; `path` names it in diagnostics and relative file
// names resolve from its folder.
LoadResult LoadStackFromText(const std::string& path, std::string text,
                             const LoadOptions& options = {});

// The same for a YAML tree already parsed (by ParseYaml, perhaps merged with MergeNodes from
// several files, as the lint fixtures are); diagnostics point into the files the nodes came
// from. `path` names the spec, and relative file names resolve from its folder.
LoadResult LoadStackFromTree(const std::string& path, const NodePtr& root,
                             const LoadOptions& options = {});

}  // namespace vueops::spec

#endif  // VUEOPS_SPEC_LOADER_H_
