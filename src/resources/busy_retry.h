// Deleting an object that another object, itself being deleted, still uses: AWS refuses with
// an "in use" or "invalid state" error until the other is gone (a DB subnet group while its
// instance is deleting, a target group for a few seconds after its listener goes, an ACM
// certificate until the load balancer lets go of it). The call is repeated on the context's
// clock until AWS accepts it, never after a fixed sleep.
#ifndef VUEOPS_RESOURCES_BUSY_RETRY_H_
#define VUEOPS_RESOURCES_BUSY_RETRY_H_

#include <initializer_list>
#include <string_view>

#include "base/clock.h"
#include "base/json.h"
#include "resources/resource_context.h"

namespace vueops::resources {

// Calls `operation` until it succeeds (OK), fails with one of `absent` (OK: already gone),
// or fails otherwise (that error). While it fails with one of `busy`, waits and tries again
// for up to `timeout`, reporting `what` as progress.
Status CallUntilAccepted(ResourceContext& context, std::string_view service,
                         std::string_view operation, const Json& input,
                         std::initializer_list<std::string_view> absent,
                         std::initializer_list<std::string_view> busy, std::string_view what,
                         Clock::Duration timeout);

}  // namespace vueops::resources

#endif  // VUEOPS_RESOURCES_BUSY_RETRY_H_
