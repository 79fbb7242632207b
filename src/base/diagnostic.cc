#include "base/diagnostic.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "base/terminal.h"

namespace vueops {

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "info";
  }
  return "error";
}

Diagnostic& Diagnostics::Add(Severity severity, std::string code, Location location,
                             std::string message, std::string hint) {
  Diagnostic& diagnostic = items_.emplace_back();
  diagnostic.severity = severity;
  diagnostic.code = std::move(code);
  diagnostic.location = location;
  diagnostic.message = std::move(message);
  diagnostic.hint = std::move(hint);
  return diagnostic;
}

void Diagnostics::Append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

void Diagnostics::SortByLocation() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.location != b.location) return a.location < b.location;
    return a.code < b.code;
  });
}

size_t Diagnostics::count(Severity severity) const {
  return static_cast<size_t>(std::count_if(
      items_.begin(), items_.end(), [&](const Diagnostic& d) { return d.severity == severity; }));
}

namespace {

std::string_view SeverityColor(Severity severity) {
  switch (severity) {
    case Severity::kError: return kStyleRed;
    case Severity::kWarning: return kStyleYellow;
    case Severity::kInfo: return kStyleCyan;
  }
  return "";
}

// Length of the UTF-8 sequence starting at `text[i]`, or 0 when it is not valid UTF-8.
size_t Utf8SequenceLength(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char c = byte(i);
  size_t length = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
  if (length == 0 || i + length > text.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xc0) != 0x80) return 0;
  }
  return length;
}

// The source line as the terminal should show it: tabs expanded, and control bytes and
// bytes that are not UTF-8 (binary garbage) shown as '?' so they cannot corrupt the
// terminal. `*visual_column` receives the screen column of byte column `column`, counting
// each UTF-8 character as one column, so the caret lines up under the text it points at.
std::string DisplayLine(std::string_view line, uint32_t column, uint32_t* visual_column) {
  std::string out;
  size_t shown = 0;  // screen columns so far
  *visual_column = 0;
  for (size_t i = 0; i < line.size();) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    size_t bytes = 1;
    size_t width = 1;
    if (c == '\t') {
      width = 4 - shown % 4;
      out.append(width, ' ');
    } else if (c < 0x20 || c == 0x7f) {
      out += '?';
    } else if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (size_t length = Utf8SequenceLength(line, i); length != 0) {
      bytes = length;
      out.append(line.substr(i, length));
    } else {
      out += '?';
    }
    // A column inside a tab or a multi-byte character points at its start.
    if (*visual_column == 0 && column <= i + bytes) {
      *visual_column = static_cast<uint32_t>(shown + 1);
    }
    shown += width;
    i += bytes;
  }
  if (*visual_column == 0) {
    *visual_column = static_cast<uint32_t>(shown + 1 + (column - 1 - line.size()));
  }
  return out;
}

std::string Plural(size_t count, std::string_view noun) {
  std::string text = std::to_string(count) + " " + std::string(noun);
  if (count != 1) text += "s";
  return text;
}

// Lines longer than this are shown as a window around the caret, so a minified or binary
// file cannot flood the terminal.
constexpr size_t kMaxShownLineLength = 160;

}  // namespace

std::string RenderDiagnostic(const Diagnostic& diagnostic, const RenderOptions& options) {
  Style style(options.color);
  std::string out;
  std::string where = FormatLocation(diagnostic.location);
  if (!where.empty()) out += style.Apply(kStyleBold, where + ": ");
  out += style.Apply(SeverityColor(diagnostic.severity),
                     std::string(SeverityName(diagnostic.severity)) + ":");
  out += " " + style.Apply(kStyleBold, diagnostic.message);
  if (!diagnostic.code.empty()) out += " [" + diagnostic.code + "]";
  out += "\n";
  if (!diagnostic.subject.empty()) out += "  --> " + diagnostic.subject + "\n";
  const Location& at = diagnostic.location;
  if (at.has_file() && at.has_position()) {
    std::string_view raw = GetSource(at.file).Line(at.line);
    uint32_t column = std::max<uint32_t>(at.column, 1);
    uint32_t caret_length = std::max<uint32_t>(diagnostic.length, 1);
    if (raw.size() > kMaxShownLineLength) {
      size_t start = column > 40 ? column - 40 : 0;
      raw = raw.substr(std::min(start, raw.size()), kMaxShownLineLength);
      column -= static_cast<uint32_t>(start);
    }
    uint32_t visual_column = column;
    std::string text = DisplayLine(raw, column, &visual_column);
    // The caret spans characters, not bytes: measure where its last byte lands on screen.
    uint32_t visual_end = visual_column;
    DisplayLine(raw, column + caret_length - 1, &visual_end);
    caret_length = std::max<uint32_t>(visual_end + 1, visual_column + 1) - visual_column;
    size_t text_columns = 0;  // screen columns of `text`
    for (size_t i = 0; i < text.size(); ++i) {
      if ((static_cast<unsigned char>(text[i]) & 0xc0) != 0x80) ++text_columns;
    }
    std::string number = std::to_string(at.line);
    std::string gutter(number.size(), ' ');
    out += " " + style.Apply(kStyleBlue, number + " |") + " " + text + "\n";
    if (visual_column <= text_columns + 1) {
      caret_length = std::min<uint32_t>(
          caret_length, std::max<uint32_t>(1, static_cast<uint32_t>(text_columns) + 1 -
                                                  visual_column));
      std::string caret(visual_column - 1, ' ');
      caret += '^';
      caret.append(caret_length - 1, '~');
      out += " " + style.Apply(kStyleBlue, gutter + " |") + " " +
             style.Apply(SeverityColor(diagnostic.severity), caret) + "\n";
    }
  }
  if (!diagnostic.hint.empty()) {
    out += "  " + style.Apply(kStyleBlue, "= hint:") + " " + diagnostic.hint + "\n";
  }
  return out;
}

std::string SummarizeDiagnostics(const Diagnostics& diagnostics) {
  size_t errors = diagnostics.count(Severity::kError);
  size_t warnings = diagnostics.count(Severity::kWarning);
  size_t infos = diagnostics.count(Severity::kInfo);
  if (errors + warnings + infos == 0) return "no problems";
  std::vector<std::string> parts;
  if (errors) parts.push_back(Plural(errors, "error"));
  if (warnings) parts.push_back(Plural(warnings, "warning"));
  if (infos) parts.push_back(Plural(infos, "note"));
  std::string text;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) text += ", ";
    text += parts[i];
  }
  return text;
}

std::string RenderDiagnostics(const Diagnostics& diagnostics, const RenderOptions& options) {
  std::string out;
  for (const Diagnostic& diagnostic : diagnostics.items()) {
    out += RenderDiagnostic(diagnostic, options);
    out += "\n";
  }
  return out;
}

std::string DiagnosticsToJson(const Diagnostics& diagnostics) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Diagnostic& d : diagnostics.items()) {
    nlohmann::ordered_json item;
    item["severity"] = SeverityName(d.severity);
    item["code"] = d.code;
    if (d.location.has_file()) {
      item["file"] = GetSource(d.location.file).path();
      if (d.location.has_position()) {
        item["line"] = d.location.line;
        item["column"] = d.location.column;
      }
    }
    item["message"] = d.message;
    if (!d.hint.empty()) item["hint"] = d.hint;
    if (!d.subject.empty()) item["subject"] = d.subject;
    list.push_back(std::move(item));
  }
  nlohmann::ordered_json root;
  root["diagnostics"] = std::move(list);
  root["errors"] = diagnostics.count(Severity::kError);
  root["warnings"] = diagnostics.count(Severity::kWarning);
  root["infos"] = diagnostics.count(Severity::kInfo);
  // Replace invalid UTF-8 (a binary file's bytes quoted in a message) rather than throw.
  return root.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace vueops
