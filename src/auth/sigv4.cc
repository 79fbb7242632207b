#include "auth/sigv4.h"

#include <strings.h>

#include <string>

#include "auth/aws_time.h"
#include "auth/canonical_request.h"
#include "auth/crypto.h"
#include "auth/uri_encoding.h"
#include "auth/url.h"

namespace vueops::auth {
namespace {

constexpr std::string_view kDateHeader = "X-Amz-Date";
constexpr std::string_view kSecurityTokenHeader = "X-Amz-Security-Token";
constexpr std::string_view kContentSha256Header = "X-Amz-Content-SHA256";

Status CheckSigningInputs(const Credentials& credentials, std::string_view region,
                          std::string_view service) {
  if (credentials.access_key_id.empty() || credentials.secret_access_key.empty()) {
    return UnauthenticatedError(
        "cannot sign: the credentials from " +
        (credentials.source.empty() ? std::string("an unknown source") : credentials.source) +
        " have no access key id or secret access key");
  }
  if (region.empty()) return InvalidArgumentError("cannot sign: no region");
  if (service.empty()) return InvalidArgumentError("cannot sign: no service signing name");
  return Status::Ok();
}

std::string PayloadHash(const http::Request& request, const SigningOptions& options) {
  if (options.unsigned_payload) return std::string(kUnsignedPayload);
  return Sha256Hex(request.body);
}

// The query parameter names SigV4 presigning adds; a URL carrying them is already presigned.
void RemoveHeader(http::Headers& headers, std::string_view name) {
  std::erase_if(headers, [&](const auto& header) {
    return header.first.size() == name.size() &&
           ::strncasecmp(header.first.data(), name.data(), name.size()) == 0;
  });
}

bool HasPresignParameter(std::string_view query) {
  for (std::string_view name : {"X-Amz-Signature=", "X-Amz-Credential="}) {
    size_t at = query.find(name);
    if (at != std::string_view::npos && (at == 0 || query[at - 1] == '&')) return true;
  }
  return false;
}

void AppendQueryParameter(std::string& query, std::string_view name, std::string_view value) {
  if (!query.empty()) query += '&';
  query += name;
  query += '=';
  AppendUriEncoded(query, value, /*keep_slash=*/false);
}

}  // namespace

std::string CredentialScope(std::string_view date, std::string_view region,
                            std::string_view service) {
  std::string scope;
  scope.reserve(date.size() + region.size() + service.size() + 16);
  scope += date;
  scope += '/';
  scope += region;
  scope += '/';
  scope += service;
  scope += "/aws4_request";
  return scope;
}

std::string StringToSign(std::string_view amz_date, std::string_view scope,
                         std::string_view canonical_request) {
  std::string out;
  out.reserve(kSigV4Algorithm.size() + amz_date.size() + scope.size() + 2 * kSha256Size + 3);
  out += kSigV4Algorithm;
  out += '\n';
  out += amz_date;
  out += '\n';
  out += scope;
  out += '\n';
  Sha256Digest digest = Sha256(canonical_request);
  AppendHex(out, digest.data(), digest.size());
  return out;
}

std::string Signature(const SigningKey& key, std::string_view string_to_sign) {
  return HexEncode(HmacSha256(key, string_to_sign));
}

std::string AuthorizationHeader(std::string_view access_key_id, std::string_view scope,
                                std::string_view signed_headers, std::string_view signature) {
  std::string out;
  out.reserve(kSigV4Algorithm.size() + access_key_id.size() + scope.size() + signed_headers.size() +
              signature.size() + 40);
  out += kSigV4Algorithm;
  out += " Credential=";
  out += access_key_id;
  out += '/';
  out += scope;
  out += ", SignedHeaders=";
  out += signed_headers;
  out += ", Signature=";
  out += signature;
  return out;
}

Status Signer::Sign(http::Request& request, const Credentials& credentials, std::string_view region,
                    std::string_view service, const SigningOptions& options, SigningTrace* trace) {
  RETURN_IF_ERROR(CheckSigningInputs(credentials, region, service));
  ASSIGN_OR_RETURN(UrlParts url, ParseUrl(request.url));

  std::string amz_date = FormatAmzDate(clock_.Now());
  std::string_view date = std::string_view(amz_date).substr(0, 8);
  RemoveHeader(request.headers, "Authorization");
  http::SetHeader(request.headers, kDateHeader, amz_date);
  bool token_after_signing = credentials.temporary() && !options.sign_security_token;
  if (credentials.temporary()) {
    if (options.sign_security_token) {
      http::SetHeader(request.headers, kSecurityTokenHeader, credentials.session_token);
    } else {
      RemoveHeader(request.headers, kSecurityTokenHeader);
    }
  }
  std::string payload_hash = PayloadHash(request, options);
  if (options.content_sha256_header || options.unsigned_payload) {
    http::SetHeader(request.headers, kContentSha256Header, payload_hash);
  }

  CanonicalHeaders headers = BuildCanonicalHeaders(request.headers, HostHeaderValue(url));
  std::string canonical_request = CanonicalRequest(
      request.method, CanonicalUri(url.path, options.normalize_path, options.double_encode_path),
      CanonicalQueryString(url.query), headers, payload_hash);
  std::string scope = CredentialScope(date, region, service);
  std::string string_to_sign = StringToSign(amz_date, scope, canonical_request);
  std::string signature =
      Signature(key_cache_.Get(credentials, date, region, service), string_to_sign);
  std::string authorization =
      AuthorizationHeader(credentials.access_key_id, scope, headers.signed_headers, signature);
  if (trace != nullptr) {
    trace->canonical_request = std::move(canonical_request);
    trace->string_to_sign = std::move(string_to_sign);
    trace->signature = signature;
    trace->authorization = authorization;
  }
  request.headers.emplace_back("Authorization", std::move(authorization));
  if (token_after_signing) {
    request.headers.emplace_back(kSecurityTokenHeader, credentials.session_token);
  }
  return Status::Ok();
}

Status Signer::Presign(http::Request& request, const Credentials& credentials,
                       std::string_view region, std::string_view service,
                       std::chrono::seconds expires, const SigningOptions& options,
                       SigningTrace* trace) {
  RETURN_IF_ERROR(CheckSigningInputs(credentials, region, service));
  if (expires.count() < 1 || expires > kMaxPresignExpiry) {
    return InvalidArgumentError("a presigned URL must expire within 1 to " +
                                std::to_string(kMaxPresignExpiry.count()) +
                                " seconds (7 days, the SigV4 limit); " +
                                std::to_string(expires.count()) + " seconds was asked for");
  }
  ASSIGN_OR_RETURN(UrlParts url, ParseUrl(request.url));
  if (HasPresignParameter(url.query)) {
    return InvalidArgumentError(
        "the URL is already presigned (it has X-Amz-Signature or "
        "X-Amz-Credential)");
  }
  RemoveHeader(request.headers, "Authorization");

  std::string amz_date = FormatAmzDate(clock_.Now());
  std::string_view date = std::string_view(amz_date).substr(0, 8);
  std::string scope = CredentialScope(date, region, service);
  CanonicalHeaders headers = BuildCanonicalHeaders(request.headers, HostHeaderValue(url));

  std::string query(url.query);
  AppendQueryParameter(query, "X-Amz-Algorithm", kSigV4Algorithm);
  AppendQueryParameter(query, "X-Amz-Credential", credentials.access_key_id + "/" + scope);
  AppendQueryParameter(query, "X-Amz-Date", amz_date);
  AppendQueryParameter(query, "X-Amz-Expires", std::to_string(expires.count()));
  AppendQueryParameter(query, "X-Amz-SignedHeaders", headers.signed_headers);
  if (credentials.temporary() && options.sign_security_token) {
    AppendQueryParameter(query, "X-Amz-Security-Token", credentials.session_token);
  }

  std::string canonical_request = CanonicalRequest(
      request.method, CanonicalUri(url.path, options.normalize_path, options.double_encode_path),
      CanonicalQueryString(query), headers, PayloadHash(request, options));
  std::string string_to_sign = StringToSign(amz_date, scope, canonical_request);
  std::string signature =
      Signature(key_cache_.Get(credentials, date, region, service), string_to_sign);
  AppendQueryParameter(query, "X-Amz-Signature", signature);
  if (credentials.temporary() && !options.sign_security_token) {
    AppendQueryParameter(query, "X-Amz-Security-Token", credentials.session_token);
  }

  // Everything before the query stays as it was written; a fragment is dropped.
  size_t question = request.url.find_first_of("?#");
  std::string presigned = request.url.substr(0, question);
  presigned += '?';
  presigned += query;
  request.url = std::move(presigned);
  if (trace != nullptr) {
    trace->canonical_request = std::move(canonical_request);
    trace->string_to_sign = std::move(string_to_sign);
    trace->signature = std::move(signature);
    trace->authorization.clear();
  }
  return Status::Ok();
}

}  // namespace vueops::auth
