// The Vueocity environment as a CloudFormation template: what the benchmark hands cfn-lint,
// the linter users run on their templates today, to compare with vueops validate.
#ifndef VUEOPS_BENCH_CLOUDFORMATION_TEMPLATE_H_
#define VUEOPS_BENCH_CLOUDFORMATION_TEMPLATE_H_

#include <string>

namespace vueops::bench {

// One environment's stack (about ninety resources); `octet` is the second octet of its
// 10.x.0.0/16 VPC block.
std::string CloudFormationTemplate(const std::string& environment, int octet,
                                   const std::string& domain);

// The resources a template declares.
int CountCloudFormationResources(const std::string& text);

}  // namespace vueops::bench

#endif  // VUEOPS_BENCH_CLOUDFORMATION_TEMPLATE_H_
