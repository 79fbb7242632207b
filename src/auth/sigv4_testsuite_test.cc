// Runs every case of the AWS Signature Version 4 test suite (aws-sig-v4-test-suite, as
// botocore and aws-c-auth ship it) found under ../shared/testdata: for each case folder,
// the request in <case>.req is signed and the canonical request, string to sign and
// Authorization header are compared with <case>.creq, .sts and .authz, and the signed
// headers with <case>.sreq. The suite lives outside the repository and is never copied in.
#include <gtest/gtest.h>
#include <strings.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "auth/aws_time.h"
#include "auth/sigv4.h"
#include "auth/testing/test_credentials.h"
#include "base/file.h"

namespace vueops::auth {
namespace {

using testing::MakeCredentials;

namespace fs = std::filesystem;

// The suite's fixed inputs (botocore tests/unit/auth/test_sigv4.py and the suite's original
// documentation): example credentials, us-east-1, the service name "service" and this time.
constexpr char kAccessKeyId[] = "AKIDEXAMPLE";
constexpr char kSecretAccessKey[] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
constexpr char kRegion[] = "us-east-1";
constexpr char kService[] = "service";
constexpr char kTime[] = "2015-08-30T12:36:00Z";

std::string SuiteDirectory() {
  return std::string(VUEOPS_SHARED_DIR) + "/testdata/aws-sigv4-testsuite";
}

std::string ReadOrEmpty(const fs::path& path) {
  Result<std::string> contents = ReadFile(path.string());
  return contents.ok() ? *contents : std::string();
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t newline = text.find('\n', start);
    if (newline == std::string::npos) newline = text.size();
    std::string line = text.substr(start, newline - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    start = newline + 1;
  }
  return lines;
}

// A raw HTTP/1.1 request as the suite writes it: request line, headers (a line starting
// with whitespace continues the previous header's value), a blank line, the body. The
// request target is kept byte for byte, spaces and UTF-8 included: the suite's expected
// canonical URIs are the single encoding of that raw path.
struct SuiteRequest {
  std::string method;
  std::string target;
  http::Headers headers;
  std::string body;
};

bool ParseSuiteRequest(const std::string& text, SuiteRequest& request) {
  std::vector<std::string> lines = SplitLines(text);
  if (lines.empty()) return false;
  const std::string& request_line = lines[0];
  size_t first_space = request_line.find(' ');
  size_t last_space = request_line.rfind(' ');
  if (first_space == std::string::npos || last_space <= first_space) return false;
  request.method = request_line.substr(0, first_space);
  request.target = request_line.substr(first_space + 1, last_space - first_space - 1);
  size_t index = 1;
  for (; index < lines.size(); ++index) {
    const std::string& line = lines[index];
    if (line.empty()) break;
    if ((line[0] == ' ' || line[0] == '\t') && !request.headers.empty()) {
      request.headers.back().second += "\n" + line;
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string::npos) return false;
    request.headers.emplace_back(line.substr(0, colon), line.substr(colon + 1));
  }
  for (size_t body_line = index + 1; body_line < lines.size(); ++body_line) {
    if (body_line > index + 1) request.body += '\n';
    request.body += lines[body_line];
  }
  return true;
}

std::string Trim(std::string text) {
  size_t start = text.find_first_not_of(" \t\r\n");
  size_t end = text.find_last_not_of(" \t\r\n");
  return start == std::string::npos ? "" : text.substr(start, end - start + 1);
}

// The trimmed values of every header named `name`, in order, joined with " | ".
std::string AllValues(const http::Headers& headers, const std::string& name) {
  std::string values;
  for (const auto& [header, value] : headers) {
    if (strcasecmp(header.c_str(), name.c_str()) != 0) continue;
    if (!values.empty()) values += " | ";
    values += Trim(value);
  }
  return values.empty() ? "(missing)" : values;
}

TEST(SigV4TestSuite, EveryCaseMatchesCanonicalRequestStringToSignAndAuthorization) {
  const std::string directory = SuiteDirectory();
  if (!fs::is_directory(directory)) {
    GTEST_SKIP() << "the AWS SigV4 test suite was not found at " << directory
                 << " (set -DVUEOPS_SHARED_DIR to the folder holding testdata/)";
  }
  std::vector<fs::path> cases;
  for (const auto& entry : fs::recursive_directory_iterator(directory)) {
    if (!entry.is_directory()) continue;
    fs::path request_file = entry.path() / (entry.path().filename().string() + ".req");
    if (fs::exists(request_file)) cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  ASSERT_FALSE(cases.empty()) << "no <case>/<case>.req files under " << directory;

  FakeClock clock(*ParseIso8601(kTime));
  Signer signer(clock);
  int passed = 0;
  for (const fs::path& case_directory : cases) {
    const std::string name = case_directory.filename().string();
    SCOPED_TRACE(fs::relative(case_directory, directory).string());
    auto file = [&](const char* extension) {
      return ReadOrEmpty(case_directory / (name + extension));
    };
    SuiteRequest suite_request;
    ASSERT_TRUE(ParseSuiteRequest(file(".req"), suite_request));
    const std::string expected_canonical = file(".creq");
    const std::string expected_string_to_sign = file(".sts");
    const std::string expected_authorization = Trim(file(".authz"));
    SuiteRequest signed_request;
    ASSERT_TRUE(ParseSuiteRequest(file(".sreq"), signed_request));

    // Cases about temporary credentials show the token in the signed request; whether it
    // is part of the signature shows in the canonical request.
    Credentials credentials = MakeCredentials(kAccessKeyId, kSecretAccessKey);
    SigningOptions options = SigningOptions::Standard();
    if (const std::string* token =
            http::FindHeader(signed_request.headers, "X-Amz-Security-Token")) {
      credentials.session_token = Trim(*token);
      options.sign_security_token =
          expected_canonical.find("\nx-amz-security-token:") != std::string::npos;
    }

    const std::string* host = http::FindHeader(suite_request.headers, "Host");
    ASSERT_NE(host, nullptr);
    http::Request request;
    request.method = suite_request.method;
    request.url = "https://" + Trim(*host) + suite_request.target;
    request.headers = suite_request.headers;
    request.body = suite_request.body;
    SigningTrace trace;
    ASSERT_TRUE(signer.Sign(request, credentials, kRegion, kService, options, &trace).ok());

    bool ok = true;
    auto expect_equal = [&](const std::string& actual, const std::string& expected,
                            const char* what) {
      EXPECT_EQ(actual, expected) << what;
      ok = ok && actual == expected;
    };
    expect_equal(trace.canonical_request, expected_canonical, "canonical request");
    expect_equal(trace.string_to_sign, expected_string_to_sign, "string to sign");
    expect_equal(trace.authorization, expected_authorization, "Authorization header");
    // The signed request shows where the token went. Its Authorization line is not compared:
    // .authz is the reference for it, and in get-vanilla-with-session-token the .sreq
    // carries get-vanilla's signature, a slip in the suite (its .creq, .sts and .authz agree).
    for (const auto& header : signed_request.headers) {
      if (strcasecmp(header.first.c_str(), "Authorization") == 0) continue;
      expect_equal(AllValues(request.headers, header.first),
                   AllValues(signed_request.headers, header.first), header.first.c_str());
    }
    if (ok) ++passed;
  }
  std::cout << "SigV4 test suite: " << passed << " of " << cases.size() << " cases passed ("
            << directory << ")\n";
  EXPECT_EQ(passed, static_cast<int>(cases.size()));
}

}  // namespace
}  // namespace vueops::auth
