// DNS names as ACM and CloudFront compare them: which names a certificate covers, and the
// full name of a Route53 record.
#ifndef VUEOPS_LINT_DOMAIN_NAMES_H_
#define VUEOPS_LINT_DOMAIN_NAMES_H_

#include <string>
#include <string_view>

#include "spec/edge.h"

namespace vueops::lint {

// Whether `pattern` (a certificate name or a CloudFront alias) covers `name`, ignoring case
// and a trailing dot. A wildcard stands for exactly one label, as ACM and CloudFront match
// it: "*.example.com" covers "a.example.com", but neither "example.com" nor
// "a.b.example.com". A wildcard `name` is covered only by the same wildcard.
bool NameCovers(std::string_view pattern, std::string_view name);

// Whether the certificate's domain or one of its alternative names covers `name`.
bool CertificateCovers(const spec::Certificate& certificate, std::string_view name);

// The record's full name: "www" in zone example.com is "www.example.com"; the apex ("" or
// "@") is the zone's domain.
std::string RecordName(const spec::Zone& zone, const spec::Record& record);

}  // namespace vueops::lint

#endif  // VUEOPS_LINT_DOMAIN_NAMES_H_
