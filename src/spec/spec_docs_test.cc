// Keeps docs/spec.md, the user's reference for the stack spec, equal to the decoders.
//
// The decoders are the schema: every key a spec may hold is named by a string literal passed
// to a MapReader accessor (reader.String("key", ...), Integer, Number, Boolean, StringList,
// Enum, EachEntry, EachItem, Get, Require, Accept({...})) or looked up with Find("key").
// This test reads src/spec/decode_*.cc and src/spec/loader.cc, collects those literals, and
// fails, naming each key and where it is read, unless docs/spec.md mentions it as `key`.
// It also requires every diagnostic code the spec module reports ("spec.unknown-key", ...)
// to be documented as `spec.xxx`.
//
// Keys that reach an accessor through a variable are collected too:
// - a range-for over a braced list of literals whose loop variable is passed to an accessor,
//     for (const char* key : {"Principal", "NotPrincipal"}) reader.Get(key);
// - a helper of the same file whose parameter its body passes to an accessor, called with a
//   literal in that parameter's place,
//     void ReadSubnets(..., std::string_view key, ...) { ... reader.Get(key) ... }
//     ReadSubnets(context, reader, "public_subnets", &out->public_subnets);
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace vueops::spec {
namespace {

namespace fs = std::filesystem;

const fs::path kSourceDir = VUEOPS_SOURCE_DIR;
const fs::path kSpecSources = kSourceDir / "src" / "spec";
const fs::path kDocs = kSourceDir / "docs" / "spec.md";

struct KeyUse {
  std::string key;
  std::string file;
  int line = 0;
};

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Replaces every comment with spaces (newlines kept, so offsets keep their line numbers) and
// leaves string and character literals as written: a commented-out call reads no key.
std::string StripComments(const std::string& source) {
  std::string out = source;
  size_t i = 0;
  const size_t n = source.size();
  auto blank = [&](size_t from, size_t to) {
    for (size_t k = from; k < to && k < n; ++k) {
      if (out[k] != '\n') out[k] = ' ';
    }
  };
  while (i < n) {
    char c = source[i];
    if (c == '/' && i + 1 < n && source[i + 1] == '/') {
      size_t end = source.find('\n', i);
      if (end == std::string::npos) end = n;
      blank(i, end);
      i = end;
    } else if (c == '/' && i + 1 < n && source[i + 1] == '*') {
      size_t end = source.find("*/", i + 2);
      end = end == std::string::npos ? n : end + 2;
      blank(i, end);
      i = end;
    } else if (c == '"' ||
               (c == '\'' && (i == 0 || !std::isalnum(static_cast<unsigned char>(source[i - 1]))))) {
      // A string or character literal (a quote after a digit is a digit separator: 1'000).
      size_t k = i + 1;
      while (k < n && source[k] != c && source[k] != '\n') k += source[k] == '\\' ? 2 : 1;
      i = k + 1;
    } else {
      ++i;
    }
  }
  return out;
}

// The offset just past the bracket that closes the one at `open` ('(' or '{'), skipping string
// and character literals; npos when unbalanced.
size_t MatchingClose(const std::string& text, size_t open) {
  const char opening = text[open];
  const char closing = opening == '(' ? ')' : '}';
  int depth = 0;
  for (size_t i = open; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"' || (c == '\'' && i > 0 && !std::isalnum(static_cast<unsigned char>(text[i - 1])))) {
      size_t k = i + 1;
      while (k < text.size() && text[k] != c && text[k] != '\n') k += text[k] == '\\' ? 2 : 1;
      i = k;
    } else if (c == opening) {
      ++depth;
    } else if (c == closing && --depth == 0) {
      return i + 1;
    }
  }
  return std::string::npos;
}

// The top-level, comma-separated pieces of `text` (an argument or parameter list without its
// parentheses), each with its offset in `text`.
std::vector<std::pair<std::string, size_t>> SplitTopLevel(const std::string& text) {
  std::vector<std::pair<std::string, size_t>> pieces;
  size_t start = 0;
  int depth = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    char c = i < text.size() ? text[i] : ',';
    if (i < text.size() && (c == '"' || c == '\'')) {
      if (c == '\'' && i > 0 && std::isalnum(static_cast<unsigned char>(text[i - 1]))) continue;
      size_t k = i + 1;
      while (k < text.size() && text[k] != c && text[k] != '\n') k += text[k] == '\\' ? 2 : 1;
      i = k;
    } else if (c == '(' || c == '{' || c == '[' || c == '<') {
      ++depth;
    } else if (c == ')' || c == '}' || c == ']' || (c == '>' && (i == 0 || text[i - 1] != '-'))) {
      --depth;
    } else if (c == ',' && depth <= 0) {
      pieces.emplace_back(text.substr(start, i - start), start);
      start = i + 1;
    }
  }
  return pieces;
}

int LineAt(const std::string& text, size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + offset, '\n'));
}

// The string literals (without quotes) in `text`, with their offsets relative to `text`.
std::vector<std::pair<std::string, size_t>> Literals(const std::string& text) {
  static const std::regex kLiteral(R"re("((?:[^"\\\n]|\\.)*)")re");
  std::vector<std::pair<std::string, size_t>> literals;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kLiteral);
       it != std::sregex_iterator(); ++it) {
    literals.emplace_back((*it)[1].str(), static_cast<size_t>(it->position(0)));
  }
  return literals;
}

// Every key the decoder source `source` (named `file` in messages) reads.
std::vector<KeyUse> ExtractKeys(const std::string& file, const std::string& source) {
  const std::string text = StripComments(source);
  // The accessor names; each takes the key as its first argument.
  const std::string accessors =
      "String|Integer|Number|Boolean|StringList|Enum|EachEntry|EachItem|Get|Require|Find";
  std::vector<KeyUse> keys;
  auto add = [&](const std::string& key, size_t offset) {
    keys.push_back({key, file, LineAt(text, offset)});
  };

  // reader.String("key", ...), node->Find("key"), split over lines or not.
  const std::regex call("\\b(?:" + accessors + ")\\s*\\(\\s*\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), call);
       it != std::sregex_iterator(); ++it) {
    add((*it)[1].str(), static_cast<size_t>(it->position(1)));
  }

  // reader.Accept({"template", "vars"}).
  const std::regex accept(R"(\bAccept\s*\(\s*\{([^}]*)\})");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), accept);
       it != std::sregex_iterator(); ++it) {
    size_t base = static_cast<size_t>(it->position(1));
    for (const auto& [literal, offset] : Literals((*it)[1].str())) add(literal, base + offset);
  }

  // for (const char* key : {"Principal", "NotPrincipal"}) ... reader.Get(key) ...
  const std::regex loop(R"(\bfor\s*\(\s*(?:const\s+)?[\w:]+\s*[*&]?\s*(\w+)\s*:\s*\{([^}]*)\}\s*\))");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), loop);
       it != std::sregex_iterator(); ++it) {
    const std::string variable = (*it)[1].str();
    const std::regex passed("\\b(?:" + accessors + ")\\s*\\(\\s*" + variable + "\\s*[,)]");
    if (!std::regex_search(text, passed)) continue;
    size_t base = static_cast<size_t>(it->position(2));
    for (const auto& [literal, offset] : Literals((*it)[2].str())) add(literal, base + offset);
  }

  // Helpers: a function definition whose body passes one of its parameters to an accessor;
  // every call of it with a string literal in that parameter's place reads that key.
  const std::regex definition(R"((?:^|\n)[^\n;{}()]*?\b(\w+)\s*\(([^()]*)\)\s*(?:const\s*)?\{)");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), definition);
       it != std::sregex_iterator(); ++it) {
    const std::string helper = (*it)[1].str();
    if (helper == "if" || helper == "for" || helper == "while" || helper == "switch" ||
        helper == "catch" || helper == "return") {
      continue;
    }
    size_t body_open = static_cast<size_t>(it->position(0) + it->length(0)) - 1;
    size_t body_end = MatchingClose(text, body_open);
    if (body_end == std::string::npos) continue;
    const std::string body = text.substr(body_open, body_end - body_open);
    std::vector<std::pair<std::string, size_t>> parameters = SplitTopLevel((*it)[2].str());
    for (size_t index = 0; index < parameters.size(); ++index) {
      std::smatch name;
      static const std::regex kLastWord(R"((\w+)\s*$)");
      if (!std::regex_search(parameters[index].first, name, kLastWord)) continue;
      const std::regex passed("\\b(?:" + accessors + ")\\s*\\(\\s*" + name[1].str() +
                              "\\s*[,)]");
      if (!std::regex_search(body, passed)) continue;
      const std::regex call("\\b" + helper + "\\s*\\(");
      for (auto use = std::sregex_iterator(text.begin(), text.end(), call);
           use != std::sregex_iterator(); ++use) {
        size_t open = static_cast<size_t>(use->position(0) + use->length(0)) - 1;
        size_t close = MatchingClose(text, open);
        if (close == std::string::npos) continue;
        std::vector<std::pair<std::string, size_t>> arguments =
            SplitTopLevel(text.substr(open + 1, close - open - 2));
        if (index >= arguments.size()) continue;
        std::vector<std::pair<std::string, size_t>> literals = Literals(arguments[index].first);
        std::string trimmed = arguments[index].first;
        trimmed.erase(0, trimmed.find_first_not_of(" \t\n"));
        trimmed.erase(trimmed.find_last_not_of(" \t\n") + 1);
        // Only a lone literal is a key ("public_subnets"; not "vpc_cidr: " + text).
        if (literals.size() != 1 || trimmed.size() != literals[0].first.size() + 2) continue;
        add(literals[0].first, open + 1 + arguments[index].second + literals[0].second);
      }
    }
  }
  return keys;
}

// src/spec/decode_*.cc and src/spec/loader.cc, sorted.
std::vector<fs::path> DecoderSources() {
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(kSpecSources)) {
    std::string name = entry.path().filename().string();
    bool decoder = name.rfind("decode_", 0) == 0 && name.size() > 3 &&
                   name.compare(name.size() - 3, 3, ".cc") == 0 &&
                   name.find("_test.cc") == std::string::npos;
    if (decoder || name == "loader.cc") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<KeyUse> AllDecoderKeys() {
  std::vector<KeyUse> keys;
  for (const fs::path& file : DecoderSources()) {
    std::vector<KeyUse> found =
        ExtractKeys("src/spec/" + file.filename().string(), ReadAll(file));
    keys.insert(keys.end(), found.begin(), found.end());
  }
  return keys;
}

bool Documented(const std::string& docs, const std::string& key) {
  return docs.find("`" + key + "`") != std::string::npos;
}

std::vector<std::string> KeysOf(const std::vector<KeyUse>& uses) {
  std::set<std::string> keys;
  for (const KeyUse& use : uses) keys.insert(use.key);
  return {keys.begin(), keys.end()};
}

TEST(SpecDocsTest, ExtractorReadsEveryFormOfKeyAccess) {
  const std::string source = R"cc(
    reader.String("plain", &out->plain);
    reader.Integer(
        "split_over_lines", &out->number, 0, 10);
    reader.StringList  (  "spaced"  , &out->list);
    // reader.String("in_a_line_comment", &x);
    /* reader.Boolean("in_a_block_comment", &y); */
    if (const Node* node = reader.Require("required", "required: not_a_key")) {}
    app.Enum("an_enum", &env->credentials, kNames);
    reader.Accept({"first",
                   "second"});
    const MapEntry* chosen = node->Find("found");
    for (const char* key : {"LoopA", "LoopB"}) reader.Get(key);
    for (const char* word : {"not", "keys"}) Print(word);
    ReadString(context, *value, "a message, not a key", &text);
    char quote = '"';
    reader.EachEntry("after_a_quote_char", "entries", visit);
    int million = 1'000'000;
    reader.Boolean("after_a_digit_separator", &flag);
    void ReadList(DecodeContext& context, MapReader& reader, std::string_view key,
                  std::vector<std::string>* out) {
      if (const Node* list = reader.Get(key)) Print(list);
    }
    void Report(DecodeContext& context, std::string_view what) { Print(what); }
    ReadList(context, reader,
             "through_a_helper", &out->list);
    Report(context, "a message to a helper, not a key");
  )cc";
  std::vector<std::string> keys;
  for (const KeyUse& use : ExtractKeys("example.cc", source)) keys.push_back(use.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"plain", "split_over_lines", "spaced", "required",
                                            "an_enum", "found", "after_a_quote_char",
                                            "after_a_digit_separator", "first", "second",
                                            "LoopA", "LoopB", "through_a_helper"}));
  std::vector<KeyUse> uses = ExtractKeys("example.cc", source);
  auto split = std::find_if(uses.begin(), uses.end(),
                            [](const KeyUse& use) { return use.key == "split_over_lines"; });
  ASSERT_NE(split, uses.end());
  EXPECT_EQ(split->line, 4);
}

TEST(SpecDocsTest, DecodersAreFoundAndRead) {
  std::vector<fs::path> files = DecoderSources();
  ASSERT_GE(files.size(), 10u) << "no decoders found under " << kSpecSources;
  std::vector<std::string> keys = KeysOf(AllDecoderKeys());
  // A few keys from different decoders, including ones read through a loop variable: if the
  // extraction broke, these would vanish together with the check below.
  for (const char* key : {"vpc_cidr", "on_demand_percent_above_base", "max_connections",
                          "origin_access", "extends", "vars", "Principal", "CanonicalUser",
                          "secret_string", "private_subnets", "cached_methods"}) {
    EXPECT_TRUE(std::binary_search(keys.begin(), keys.end(), key)) << key;
  }
  EXPECT_GT(keys.size(), 150u);
}

TEST(SpecDocsTest, EveryKeyIsDocumented) {
  ASSERT_TRUE(fs::exists(kDocs)) << kDocs;
  const std::string docs = ReadAll(kDocs);
  std::set<std::string> reported;
  std::string missing;
  for (const KeyUse& use : AllDecoderKeys()) {
    if (Documented(docs, use.key) || !reported.insert(use.key).second) continue;
    missing += "\n  `" + use.key + "` (read at " + use.file + ":" + std::to_string(use.line) + ")";
  }
  EXPECT_TRUE(missing.empty())
      << "docs/spec.md does not document these spec keys; describe each (type, default, "
         "accepted values, the notes' reason) in its section:"
      << missing;
}

TEST(SpecDocsTest, EveryDiagnosticCodeIsDocumented) {
  ASSERT_TRUE(fs::exists(kDocs)) << kDocs;
  const std::string docs = ReadAll(kDocs);
  const std::regex code(R"re("(spec\.[a-z][a-z-]*)")re");
  std::set<std::string> codes;
  for (const fs::directory_entry& entry : fs::directory_iterator(kSpecSources)) {
    std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".cc" || name.find("_test.cc") != std::string::npos) {
      continue;
    }
    std::string text = StripComments(ReadAll(entry.path()));
    for (auto it = std::sregex_iterator(text.begin(), text.end(), code);
         it != std::sregex_iterator(); ++it) {
      codes.insert((*it)[1].str());
    }
  }
  ASSERT_FALSE(codes.empty());
  std::string missing;
  for (const std::string& c : codes) {
    if (!Documented(docs, c)) missing += " " + c;
  }
  EXPECT_TRUE(missing.empty()) << "docs/spec.md (Diagnostics) does not list:" << missing;
}

}  // namespace
}  // namespace vueops::spec
