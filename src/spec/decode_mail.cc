// Decoding mail: (notes: "SES").
#include <algorithm>

#include "spec/decode.h"

namespace vueops::spec {

void DecodeMail(DecodeContext& context, const Node& node, Mail* out) {
  MapReader reader(context, &node, "mail", out, true);
  reader.String("region", &out->region);
  reader.String("smtp_user", &out->smtp_user);
  if (reader.Integer("smtp_port", &out->smtp_port, 1, 65535)) {
    // SES SMTP endpoints listen on 25, 587 and 2587 (STARTTLS) and 465 and 2465 (TLS)
    // (SES Developer Guide, "Connecting to an Amazon SES SMTP endpoint").
    const std::vector<int> ports = {25, 465, 587, 2465, 2587};
    if (std::find(ports.begin(), ports.end(), out->smtp_port) == ports.end()) {
      context.Error("spec.port", *reader.Get("smtp_port"),
                    "SES does not listen on port " + std::to_string(out->smtp_port),
                    "use 587 (STARTTLS) or 465 (TLS)");
    }
  }
  reader.String("credentials_secret", &out->credentials_secret);
  reader.StringList("domains", &out->domains);
  if (reader.StringList("emails", &out->emails)) {
    for (const std::string& email : out->emails) {
      if (email.find('@') == std::string::npos) {
        context.Error("spec.value", *reader.Get("emails"),
                      "'" + email + "' is not an email address");
      }
    }
  }
  reader.Integer("expected_runtime_identities", &out->expected_runtime_identities, 0, 1000000);
  reader.Integer("identity_limit", &out->identity_limit, 1, 1000000);
  if (const Node* notifications = reader.Get("notifications")) {
    MapReader topics(context, notifications, "notifications of mail");
    topics.String("bounce", &out->bounce_topic);
    topics.String("complaint", &out->complaint_topic);
    topics.String("delivery", &out->delivery_topic);
    topics.Finish();
  }
  reader.Boolean("production_access", &out->production_access);
  reader.Finish();
}

}  // namespace vueops::spec
