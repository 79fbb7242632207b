// What a listener or listener rule does with a request, in the schema's words and in
// ELBv2's: forward to a target group, or redirect (notes: "ELB": "80 and 443 open, both
// passing to 80"; a redirect from HTTP to HTTPS when the spec asks for it).
//
//   {"type": "forward", "target_group_arn": "arn:..."}
//   {"type": "redirect", "protocol": "HTTPS", "port": "443", "status_code": "HTTP_301"}
#ifndef VUEOPS_RESOURCES_ELBV2_ACTIONS_H_
#define VUEOPS_RESOURCES_ELBV2_ACTIONS_H_

#include "base/json.h"

namespace vueops::resources {

// The first of ELBv2's `actions` (DefaultActions or a rule's Actions) in the schema's form.
Json ActionFromAws(const Json& actions);

// `action` (the schema's form) as the one-item Actions list ELBv2 takes.
Json ActionToAws(const Json& action);

// A rule's ELBv2 Conditions as {"path_patterns": [...], "host_headers": [...]}, each sorted,
// a kind left out when the rule has none of it.
Json ConditionsFromAws(const Json& conditions);

// The schema's conditions as ELBv2's Conditions list.
Json ConditionsToAws(const Json& conditions);

}  // namespace vueops::resources

#endif  // VUEOPS_RESOURCES_ELBV2_ACTIONS_H_
