// certificate: an ACM certificate requested with DNS validation (notes: "Keys and SSL
// certificates": "ELB for HTTPS support (use ACM in region)"; "Cloudfront for SNI aliases";
// "ACM CERT FOR CF MUST BE REGISTERED IN North Virgina region" — the region is the
// DesiredResource's).
//
// Attributes:
//   domain_name                string  replace   the certificate's main name
//   subject_alternative_names  list    replace   the other names, sorted (ACM lists the
//                                                main name among them; it is left out here)
//   validation_method          string  replace   "DNS"
// Tagged at the request; tags are not compared (reading them costs a call per certificate).
// The request is not issued until the DNS records of its validation_records exist: the DNS
// section writes them, and certificate_validation waits for the issue.
// Outputs: id (the ARN), arn, validation_records ([{"name", "type", "value"}], sorted by name,
// one per distinct record: a wildcard and its apex share one).
#include <algorithm>
#include <cctype>

#include "resources/acm_certificates.h"
#include "resources/busy_retry.h"
#include "resources/canonical_values.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"domain_name", UpdateMode::kReplace},
    {"subject_alternative_names", UpdateMode::kReplace},
    {"validation_method", UpdateMode::kReplace},
};

// ACM API reference, RequestCertificate: IdempotencyToken matches \w+, 1 to 32 characters;
// a request repeated with the same token within an hour returns the first certificate.
constexpr size_t kMaxIdempotencyToken = 32;
// ACM User Guide, "DNS validation": the CNAME records appear in DescribeCertificate a few
// seconds after the request.
constexpr auto kRecordsTimeout = std::chrono::minutes(5);
// A certificate stays "in use" for a while after the last listener or distribution lets go.
constexpr auto kInUseTimeout = std::chrono::minutes(30);

std::string IdempotencyToken(const std::string& token) {
  std::string word;
  for (char c : token) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') word += c;
  }
  if (word.size() > kMaxIdempotencyToken) word = word.substr(word.size() - kMaxIdempotencyToken);
  return word.empty() ? "vueops" : word;
}

// `names` without `domain`, sorted.
Json AlternativeNames(const Json& names, const std::string& domain) {
  Json others = Json::array();
  for (const Json& name : names) {
    if (name.is_string() && name.get<std::string>() != domain) others.push_back(name);
  }
  return SortedStrings(others);
}

Json Attributes(const Json& certificate) {
  std::string domain = certificate.value("DomainName", "");
  std::string method = "DNS";
  for (const Json& option : certificate.value("DomainValidationOptions", Json::array())) {
    method = option.value("ValidationMethod", method);
  }
  return {{"domain_name", domain},
          {"subject_alternative_names",
           AlternativeNames(certificate.value("SubjectAlternativeNames", Json::array()), domain)},
          {"validation_method", method}};
}

Json Outputs(const Json& certificate, const Json& records) {
  std::string arn = certificate.value("CertificateArn", "");
  return {{"id", arn}, {"arn", arn}, {"validation_records", records}};
}

class CertificateType : public ResourceType {
 public:
  std::string_view name() const override { return "certificate"; }
  std::string_view service() const override { return "acm"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    const state::ResourceRecord* one[] = {&record};
    return std::move(ReadMany(context, one)[0]);
  }

  // ACM has no batch describe: one ListCertificates answers for every certificate whose
  // summary holds all its names; the others are described one by one.
  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override {
    Result<Json> summaries = ListCertificateSummaries(context, Json::array());
    if (!summaries.ok()) return std::vector<Result<Json>>(records.size(), summaries.status());
    std::vector<Result<Json>> results;
    for (const state::ResourceRecord* record : records) {
      const Json* summary = nullptr;
      for (const Json& candidate : *summaries) {
        if (candidate.value("CertificateArn", "") == record->id) summary = &candidate;
      }
      if (summary != nullptr && summary->contains("SubjectAlternativeNameSummaries") &&
          !summary->value("HasAdditionalSubjectAlternativeNames", false)) {
        std::string domain = summary->value("DomainName", "");
        results.push_back(Json{
            {"domain_name", domain},
            {"subject_alternative_names",
             AlternativeNames((*summary)["SubjectAlternativeNameSummaries"], domain)},
            // ACM issues only what the request's method proves; vueops requests DNS.
            {"validation_method", record->attributes.value("validation_method", "DNS")}});
        continue;
      }
      Result<std::optional<Json>> certificate = DescribeCertificate(context, record->id);
      if (!certificate.ok()) {
        results.push_back(certificate.status());
      } else if (!certificate->has_value()) {
        results.push_back(NotFoundError(record->address + ": certificate " + record->id +
                                        " is gone"));
      } else {
        results.push_back(Attributes(**certificate));
      }
    }
    return results;
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string& token) const override {
    Json input = {{"DomainName", desired["domain_name"]},
                  {"ValidationMethod", desired.value("validation_method", "DNS")},
                  {"IdempotencyToken", IdempotencyToken(token)},
                  {"Tags", context.TagList()}};
    const Json names = desired.value("subject_alternative_names", Json::array());
    if (!names.empty()) {
      // ACM's certificate lists the main name among its alternative names; so does the
      // request, so that the order of the names on the certificate is the request's.
      Json all = Json::array({desired["domain_name"]});
      for (const Json& name : names) all.push_back(name);
      input["SubjectAlternativeNames"] = all;
    }
    ASSIGN_OR_RETURN(Json output, context.Call("acm", "RequestCertificate", input));
    std::string arn = output.value("CertificateArn", "");
    // The DNS section writes the validation records from this resource's outputs, which
    // are recorded once: wait here until ACM has given every name its record.
    Json certificate;
    Json records;
    RETURN_IF_ERROR(context.Poll(
        "ACM to give the certificate its DNS validation records", kRecordsTimeout,
        [&]() -> Result<bool> {
          ASSIGN_OR_RETURN(std::optional<Json> described, DescribeCertificate(context, arn));
          if (!described) return false;  // ACM is eventually consistent after the request
          std::optional<Json> found = ValidationRecords(*described);
          if (!found) return false;
          certificate = std::move(*described);
          records = std::move(*found);
          return true;
        }));
    return Created{arn, Outputs(certificate, records), Attributes(certificate)};
  }

  Status Delete(ResourceContext& context, const state::ResourceRecord& record) const override {
    return CallUntilAccepted(context, "acm", "DeleteCertificate", {{"CertificateArn", record.id}},
                             {"ResourceNotFoundException"}, {"ResourceInUseException"},
                             "the load balancer or distribution to let go of the certificate",
                             kInUseTimeout);
  }

  // A certificate vueops requested carries its address tag; candidates are those for the
  // same main name.
  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    ASSIGN_OR_RETURN(Json summaries, ListCertificateSummaries(context, Json::array()));
    for (const Json& summary : summaries) {
      if (summary.value("DomainName", "") != desired.value("domain_name", "")) continue;
      std::string arn = summary.value("CertificateArn", "");
      ASSIGN_OR_RETURN(Json tags, context.Call("acm", "ListTagsForCertificate",
                                               {{"CertificateArn", arn}}));
      bool ours = false;
      for (const Json& tag : tags.value("Tags", Json::array())) {
        ours = ours || (tag.value("Key", "") == kAddressTag &&
                        tag.value("Value", "") == context.address());
      }
      if (!ours) continue;
      ASSIGN_OR_RETURN(std::optional<Json> certificate, DescribeCertificate(context, arn));
      if (!certificate) continue;
      Json records = ValidationRecords(*certificate).value_or(Json::array());
      return std::optional<Found>(Found{arn, Outputs(*certificate, records),
                                        Attributes(*certificate)});
    }
    return std::optional<Found>();
  }
};

}  // namespace

const ResourceType& Certificate() {
  static const CertificateType* type = new CertificateType();
  return *type;
}

}  // namespace vueops::resources
