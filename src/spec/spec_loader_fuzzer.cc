// libFuzzer target for the spec loader: any bytes in, diagnostics out. A crash, a sanitizer
// report, a hang (-timeout) or runaway memory (-rss_limit_mb) is a loader bug.
//
// Built only with -DVUEOPS_FUZZ=ON (clang); run by `make fuzz` through scripts/run-fuzzers,
// starting from the seeds in tests/fuzz/spec/. To replay a reproducer:
//   build-fuzz/fuzzers/spec_loader_fuzzer crash-<sha1>
#include <cstddef>
#include <cstdint>
#include <string>

#include "base/diagnostic.h"
#include "lint/linter.h"
#include "spec/loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Each input registers its text for diagnostics; forget it afterwards so memory stays flat.
  const vueops::SourceId first = vueops::NextSourceId();
  std::string text(reinterpret_cast<const char*>(data), size);
  // The folder does not exist, so relative file names in the input resolve to nothing.
  vueops::spec::LoadResult result =
      vueops::spec::LoadStackFromText("/nonexistent-vueops-fuzz/stack.yaml", std::move(text));
  // Rendering reads every location back from the source (lines, carets, UTF-8 columns),
  // and the JSON form quotes the messages: both must hold for any input.
  std::string human = vueops::RenderDiagnostics(result.diagnostics, {.color = true});
  std::string json = vueops::DiagnosticsToJson(result.diagnostics);
  // A stack that came back is used by every later stage; walk it as they will.
  if (result.stack) {
    for (const vueops::spec::Environment& env : result.stack->environments) {
      human += env.name;
    }
  }
  // Lint runs on every valid spec: no rule may crash on any stack the loader accepts.
  if (result.ok()) human += std::to_string(vueops::lint::Lint(*result.stack).findings.size());
  bool empty = human.empty() && json.empty();
  vueops::ReleaseSourcesFrom(first);
  return empty ? 1 : 0;
}
