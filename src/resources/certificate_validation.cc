// certificate_validation: the moment an ACM certificate is issued (notes: "Load certificates
// into 443 listener (ACM easiest)": a listener or distribution can only use an issued one).
// It makes nothing in AWS: its create waits until ACM has validated the certificate through
// the DNS records the DNS section writes, and what refers to its arn waits with it.
//
// Attributes:
//   certificate_arn  string  replace  the certificate to wait for (the certificate's arn)
// Read reports it gone while the certificate is not issued, so a plan waits again.
// Delete forgets it: the certificate itself is the certificate resource's.
// Outputs: id (the certificate's ARN), arn.
#include <set>

#include "resources/acm_certificates.h"
#include "resources/types.h"

namespace vueops::resources {
namespace {

constexpr Attribute kAttributes[] = {
    {"certificate_arn", UpdateMode::kReplace},
};

// ACM User Guide, "DNS validation": a certificate is usually issued within minutes of its
// records appearing in DNS, and ACM gives up after 72 hours (VALIDATION_TIMED_OUT). vueops
// waits this long per apply; the next apply waits again.
constexpr auto kIssueTimeout = std::chrono::hours(2);

// CertificateStatus values from which a certificate is never issued.
bool IsFinal(const std::string& status) {
  return status == "VALIDATION_TIMED_OUT" || status == "FAILED" || status == "REVOKED" ||
         status == "EXPIRED" || status == "INACTIVE";
}

Json Outputs(const std::string& arn) { return {{"id", arn}, {"arn", arn}}; }

class CertificateValidationType : public ResourceType {
 public:
  std::string_view name() const override { return "certificate_validation"; }
  std::string_view service() const override { return "acm"; }
  std::span<const Attribute> attributes() const override { return kAttributes; }

  Result<Json> Read(ResourceContext& context, const state::ResourceRecord& record) const override {
    const state::ResourceRecord* one[] = {&record};
    return std::move(ReadMany(context, one)[0]);
  }

  // One ListCertificates of the issued certificates answers for all; one ACM's default
  // filter leaves out is described.
  std::vector<Result<Json>> ReadMany(
      ResourceContext& context,
      std::span<const state::ResourceRecord* const> records) const override {
    Result<Json> issued = ListCertificateSummaries(context, Json::array({"ISSUED"}));
    if (!issued.ok()) return std::vector<Result<Json>>(records.size(), issued.status());
    std::set<std::string> arns;
    for (const Json& summary : *issued) arns.insert(summary.value("CertificateArn", ""));
    std::vector<Result<Json>> results;
    for (const state::ResourceRecord* record : records) {
      results.push_back(ReadOne(context, *record, arns.count(record->id) > 0));
    }
    return results;
  }

  Result<Created> Create(ResourceContext& context, const Json& desired,
                         const std::string&) const override {
    std::string arn = desired.value("certificate_arn", "");
    std::string reported;
    RETURN_IF_ERROR(context.Poll(
        "ACM to issue the certificate (its DNS validation records must resolve)", kIssueTimeout,
        [&]() -> Result<bool> {
          ASSIGN_OR_RETURN(std::optional<Json> certificate, DescribeCertificate(context, arn));
          if (!certificate) {
            return NotFoundError(context.address() + ": certificate " + arn + " does not exist");
          }
          std::string status = certificate->value("Status", "");
          if (IsFinal(status)) {
            std::string reason = certificate->value("FailureReason", "");
            return FailedPreconditionError(
                context.address() + ": certificate " + arn + " is " + status +
                (reason.empty() ? "" : " (" + reason + ")") +
                " and will never be issued; replace the certificate");
          }
          if (status != reported) {
            context.Progress("certificate " + arn + " is " + status);
            reported = status;
          }
          return status == "ISSUED";
        },
        std::chrono::seconds(5), std::chrono::seconds(30)));
    return Created{arn, Outputs(arn), Json{{"certificate_arn", arn}}};
  }

  // Nothing to delete: the certificate is the certificate resource's.
  Status Delete(ResourceContext&, const state::ResourceRecord&) const override {
    return Status::Ok();
  }

  Result<std::optional<Found>> Find(ResourceContext& context, const Json& desired,
                                    const std::string&) const override {
    std::string arn = desired.value("certificate_arn", "");
    ASSIGN_OR_RETURN(std::optional<Json> certificate, DescribeCertificate(context, arn));
    if (!certificate || certificate->value("Status", "") != "ISSUED") {
      return std::optional<Found>();
    }
    return std::optional<Found>(Found{arn, Outputs(arn), Json{{"certificate_arn", arn}}});
  }

 private:
  static Result<Json> ReadOne(ResourceContext& context, const state::ResourceRecord& record,
                              bool listed_as_issued) {
    bool is_issued = listed_as_issued;
    if (!is_issued) {
      ASSIGN_OR_RETURN(std::optional<Json> certificate, DescribeCertificate(context, record.id));
      is_issued = certificate.has_value() && certificate->value("Status", "") == "ISSUED";
    }
    if (!is_issued) {
      return NotFoundError(record.address + ": certificate " + record.id + " is not issued");
    }
    return Json{{"certificate_arn", record.id}};
  }
};

}  // namespace

const ResourceType& CertificateValidation() {
  static const CertificateValidationType* type = new CertificateValidationType();
  return *type;
}

}  // namespace vueops::resources
