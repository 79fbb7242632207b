// Source files that diagnostics point into.
//
// Every file vueops reads as user input (a spec, a user-data file, a policy document) is
// registered here once, so that a Location is a small value (an id, a line, a column) and a
// diagnostic can later print the offending source line with a caret under it.
#ifndef VUEOPS_BASE_SOURCE_H_
#define VUEOPS_BASE_SOURCE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vueops {

using SourceId = uint32_t;
inline constexpr SourceId kNoSource = 0;

// A position in a registered source. Lines and columns are 1-based; line 0 means "the file
// as a whole" and file kNoSource means "no file" (a command-line argument, say).
struct Location {
  SourceId file = kNoSource;
  uint32_t line = 0;
  uint32_t column = 0;

  bool has_file() const { return file != kNoSource; }
  bool has_position() const { return line != 0; }
  bool operator==(const Location&) const = default;
  auto operator<=>(const Location&) const = default;
};

class SourceFile {
 public:
  SourceFile(std::string path, std::string contents);
  const std::string& path() const { return path_; }
  const std::string& contents() const { return contents_; }
  // The text of line `line` (1-based) without its newline; empty when out of range.
  std::string_view Line(uint32_t line) const;
  size_t line_count() const { return line_starts_.size(); }

 private:
  std::string path_;
  std::string contents_;
  std::vector<size_t> line_starts_;
};

// Registers a source and returns its id. Thread-safe; sources live for the process.
SourceId RegisterSource(std::string path, std::string contents);
// REQUIRES: id was returned by RegisterSource (or is kNoSource, which yields an empty file).
const SourceFile& GetSource(SourceId id);
// The id the next RegisterSource will return.
SourceId NextSourceId();
// Forgets every source registered at or after `first`, so a long-running process (a fuzzer,
// a server) that loads input after input does not grow without bound.
// REQUIRES: no Location into those sources is used afterwards.
void ReleaseSourcesFrom(SourceId first);
// "path:line:col", "path" or "" depending on what the location holds.
std::string FormatLocation(const Location& location);

}  // namespace vueops

#endif  // VUEOPS_BASE_SOURCE_H_
