#include "iam/aws_managed_policies.h"

#include <array>

namespace vueops::iam {
namespace {

// AWS managed policies, as AWS publishes them (AWS Managed Policy Reference Guide; the same
// documents moto loads with MOTO_IAM_LOAD_MANAGED_POLICIES).
constexpr std::string_view kAdministratorAccess = R"({
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})";

constexpr std::string_view kPowerUserAccess = R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "NotAction": ["iam:*", "organizations:*", "account:*"], "Resource": "*"},
    {"Effect": "Allow",
     "Action": ["account:GetAccountInformation", "account:GetGovCloudAccountInformation",
                "account:GetPrimaryEmail", "account:ListRegions", "iam:CreateServiceLinkedRole",
                "iam:DeleteServiceLinkedRole", "iam:ListRoles",
                "organizations:DescribeEffectivePolicy", "organizations:DescribeOrganization"],
     "Resource": "*"}]})";

// ReadOnlyAccess is 88 KB of actions over some 400 services. This excerpt keeps its two
// statements with only the actions of the services the access matrix's representative actions
// and the Vueocity stack use (autoscaling, cloudfront, ec2, elasticloadbalancing, iam,
// organizations, rds, s3, sts), word for word.
constexpr std::string_view kReadOnlyAccessExcerpt = R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "ReadOnlyActionsGroup1", "Effect": "Allow", "Resource": "*",
     "Action": ["autoscaling:Describe*", "autoscaling:GetPredictiveScalingForecast",
                "cloudfront:Describe*", "cloudfront:Get*", "cloudfront:List*", "ec2:Describe*",
                "ec2:Get*", "ec2:ListImagesInRecycleBin", "ec2:ListSnapshotsInRecycleBin",
                "ec2:SearchLocalGatewayRoutes", "ec2:SearchTransitGatewayRoutes",
                "elasticloadbalancing:Describe*", "iam:Generate*", "iam:Get*", "iam:List*",
                "iam:Simulate*"]},
    {"Sid": "ReadOnlyActionsGroup2", "Effect": "Allow", "Resource": "*",
     "Action": ["organizations:Describe*", "organizations:List*", "rds:Describe*",
                "rds:Download*", "rds:List*", "s3:DescribeJob", "s3:Get*", "s3:List*",
                "sts:GetAccessKeyInfo", "sts:GetCallerIdentity", "sts:GetSessionToken"]}]})";

constexpr std::array kPolicies = {
    AwsManagedPolicy{"arn:aws:iam::aws:policy/AdministratorAccess", "AdministratorAccess",
                     kAdministratorAccess, false},
    AwsManagedPolicy{"arn:aws:iam::aws:policy/PowerUserAccess", "PowerUserAccess", kPowerUserAccess,
                     false},
    AwsManagedPolicy{"arn:aws:iam::aws:policy/ReadOnlyAccess", "ReadOnlyAccess",
                     kReadOnlyAccessExcerpt, true},
};

}  // namespace

std::optional<AwsManagedPolicy> FindAwsManagedPolicy(std::string_view arn) {
  for (const AwsManagedPolicy& policy : kPolicies) {
    if (policy.arn == arn) return policy;
  }
  return std::nullopt;
}

}  // namespace vueops::iam
