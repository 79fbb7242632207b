// Diagnostics: problems in a user's input, collected (never thrown) and reported together.
//
// A diagnostic has a severity, a stable code ("spec.unknown-key", "VO201"), a location in a
// registered source, a one-line message and an optional hint (the fix, or "did you mean").
// The same list renders for people (file:line:col, the source line, a caret) or as JSON.
#ifndef VUEOPS_BASE_DIAGNOSTIC_H_
#define VUEOPS_BASE_DIAGNOSTIC_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/source.h"

namespace vueops {

enum class Severity { kError, kWarning, kInfo };

std::string_view SeverityName(Severity severity);

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string code;
  Location location;
  // How many columns the caret underline spans (at least one).
  uint32_t length = 1;
  std::string message;
  std::string hint;
  // What the finding is about, when that is more than a place in a file: a resource address
  // ("prod.security_group.servers") or an ARN (for audits of live accounts).
  std::string subject;
};

class Diagnostics {
 public:
  Diagnostic& Add(Severity severity, std::string code, Location location, std::string message,
                  std::string hint = "");
  Diagnostic& Error(std::string code, Location location, std::string message,
                    std::string hint = "") {
    return Add(Severity::kError, std::move(code), location, std::move(message),
               std::move(hint));
  }
  Diagnostic& Warning(std::string code, Location location, std::string message,
                      std::string hint = "") {
    return Add(Severity::kWarning, std::move(code), location, std::move(message),
               std::move(hint));
  }
  void Append(const Diagnostics& other);

  // Orders by file, line, column, then code, keeping the order of equal entries.
  void SortByLocation();

  const std::vector<Diagnostic>& items() const { return items_; }
  std::vector<Diagnostic>& mutable_items() { return items_; }
  bool empty() const { return items_.empty(); }
  size_t size() const { return items_.size(); }
  size_t count(Severity severity) const;
  size_t error_count() const { return count(Severity::kError); }
  bool has_errors() const { return error_count() > 0; }

 private:
  std::vector<Diagnostic> items_;
};

struct RenderOptions {
  bool color = false;
};

// Renders one diagnostic the way compilers do:
//   file:line:col: error: message [code]
//      12 |     instace_type: t3.medium
//         |     ^~~~~~~~~~~~
//      = hint: did you mean 'instance_type'?
std::string RenderDiagnostic(const Diagnostic& diagnostic, const RenderOptions& options);
// All diagnostics, then a summary line ("2 errors, 1 warning").
std::string RenderDiagnostics(const Diagnostics& diagnostics, const RenderOptions& options);
// "2 errors, 1 warning" (or "no problems").
std::string SummarizeDiagnostics(const Diagnostics& diagnostics);
// {"diagnostics": [...], "errors": N, "warnings": N, "infos": N}, pretty-printed.
std::string DiagnosticsToJson(const Diagnostics& diagnostics);

}  // namespace vueops

#endif  // VUEOPS_BASE_DIAGNOSTIC_H_
