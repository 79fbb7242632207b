#include "model/validator.h"

#include <gtest/gtest.h>

#include "model/model_registry.h"

namespace vueops::model {
namespace {

Json J(const char* text) { return ParseJson(text).value(); }

const char* kService = R"({
  "metadata": {"protocol": "ec2", "apiVersion": "2016-11-15"},
  "operations": {
    "Authorize": {"name": "Authorize", "input": {"shape": "AuthorizeRequest"}},
    "Ping": {"name": "Ping"}
  },
  "shapes": {
    "AuthorizeRequest": {"type": "structure", "required": ["GroupId"], "members": {
      "GroupId": {"shape": "Id"},
      "IpPermissions": {"shape": "Permissions"},
      "Tags": {"shape": "TagMap"},
      "Count": {"shape": "Count"},
      "Ratio": {"shape": "Ratio"},
      "DryRun": {"shape": "Boolean"},
      "When": {"shape": "Time"},
      "Data": {"shape": "Blob"},
      "Secret": {"shape": "Secret"},
      "Account": {"shape": "Plain", "hostLabel": true},
      "Choice": {"shape": "Choice"},
      "Policy": {"shape": "Plain", "jsonvalue": true},
      "Doc": {"shape": "Document"}
    }},
    "Permissions": {"type": "list", "member": {"shape": "Permission"}, "min": 1},
    "Permission": {"type": "structure", "required": ["IpProtocol", "FromPort"], "members": {
      "IpProtocol": {"shape": "Plain"}, "FromPort": {"shape": "Count"}}},
    "TagMap": {"type": "map", "key": {"shape": "Id"}, "value": {"shape": "Plain"}},
    "Choice": {"type": "structure", "union": true, "members": {
      "A": {"shape": "Plain"}, "B": {"shape": "Plain"}}},
    "Document": {"type": "structure", "members": {}, "document": true},
    "Id": {"type": "string", "min": 3},
    "Plain": {"type": "string"},
    "Secret": {"type": "string", "sensitive": true},
    "Count": {"type": "integer", "min": 0, "max": 10},
    "Ratio": {"type": "double"},
    "Boolean": {"type": "boolean"},
    "Time": {"type": "timestamp"},
    "Blob": {"type": "blob"}
  }
})";

class ValidatorTest : public ::testing::Test {
 protected:
  void SetUp() override { model_ = ServiceModel::FromJson("demo", J(kService)).value(); }
  Status Validate(const char* input) {
    return ValidateInput(*model_->FindOperation("Authorize"), J(input));
  }
  std::unique_ptr<ServiceModel> model_;
};

TEST_F(ValidatorTest, AcceptsValidInput) {
  EXPECT_TRUE(Validate(R"({"GroupId": "sg-1", "IpPermissions": [{"IpProtocol": "tcp",
      "FromPort": 0}], "Tags": {"key": "v"}, "Count": 10, "Ratio": 1, "DryRun": false,
      "When": "2014-04-29T18:30:38Z", "Data": "bytes", "Account": "1", "Choice": {"B": "x"},
      "Policy": {"any": ["json"]}, "Doc": [1, {"a": null}]})")
                  .ok());
  EXPECT_TRUE(Validate(R"({"GroupId": "sg-1", "When": 1398796238, "Ratio": "NaN",
                           "Count": null})")
                  .ok());
}

TEST_F(ValidatorTest, ReportsEveryProblemAtOnceWithItsPath) {
  Status status = Validate(R"({"IpPermissions": [{"IpProtocol": "tcp", "FromPort": 1},
                                                  {"FromPort": "80"}],
                               "GroupIdd": "x", "Count": -1})");
  ASSERT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "Parameter validation failed:\n"
            "Missing required parameter: GroupId\n"
            "Missing required parameter: IpPermissions[1].IpProtocol\n"
            "Invalid type for parameter IpPermissions[1].FromPort: expected integer, got "
            "string \"80\"\n"
            "Unknown parameter: GroupIdd; did you mean \"GroupId\"?\n"
            "Invalid value for parameter Count, value: number -1, valid min value: 0");
}

TEST_F(ValidatorTest, ChecksTypesOfEveryKind) {
  Status status = Validate(R"({"GroupId": 7, "IpPermissions": {}, "Tags": [], "Ratio": "x",
      "DryRun": "yes", "When": "tomorrow", "Data": 1, "Count": 1.5, "Choice": "A"})");
  const std::string& message = status.message();
  for (const char* expected : {"Invalid type for parameter GroupId: expected string, got number 7",
                               "Invalid type for parameter IpPermissions: expected list",
                               "Invalid type for parameter Tags: expected map",
                               "Invalid type for parameter Ratio: expected number",
                               "Invalid type for parameter DryRun: expected boolean",
                               "Invalid type for parameter When: expected timestamp",
                               "Invalid type for parameter Data: expected blob",
                               "Invalid type for parameter Count: expected integer, got number 1.5",
                               "Invalid type for parameter Choice: expected structure"}) {
    EXPECT_NE(message.find(expected), std::string::npos) << expected << "\n" << message;
  }
}

TEST_F(ValidatorTest, ChecksMinimumsUnionsMapsAndHostLabels) {
  Status status = Validate(R"({"GroupId": "ab", "IpPermissions": [], "Tags": {"k": "v"},
      "Account": "", "Choice": {"A": "x", "B": "y"}})");
  const std::string& message = status.message();
  for (const char* expected :
       {"Invalid length for parameter GroupId, value: 2, valid min length: 3",
        "Invalid length for parameter IpPermissions, value: 0, valid min length: 1",
        "Invalid length for parameter Tags (key: k), value: 1, valid min length: 3",
        "Invalid length for parameter Account, value: 0, valid min length: 1",
        "Invalid number of parameters set for tagged union structure Choice: can only set one "
        "of A, B"}) {
    EXPECT_NE(message.find(expected), std::string::npos) << expected << "\n" << message;
  }
  // "max" is not checked, as in botocore.
  EXPECT_TRUE(Validate(R"({"GroupId": "sg-1", "Count": 11})").ok());
}

TEST_F(ValidatorTest, NeverPrintsSensitiveValues) {
  Status status = Validate(R"({"GroupId": "sg-1", "Secret": ["hunter2"]})");
  EXPECT_EQ(status.message().find("hunter2"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("sensitive"), std::string::npos);
}

TEST_F(ValidatorTest, OperationsWithoutInputAcceptOnlyNothing) {
  const Operation& ping = *model_->FindOperation("Ping");
  EXPECT_TRUE(ValidateInput(ping, Json()).ok());
  EXPECT_TRUE(ValidateInput(ping, Json::object()).ok());
  EXPECT_FALSE(ValidateInput(ping, J(R"({"x": 1})")).ok());
  EXPECT_FALSE(Validate("[]").ok());
}

TEST(ValidatorRealModelTest, NamesAllMissingMembersOfCreateSecurityGroup) {
  const ServiceModel* ec2 = LoadServiceModel("ec2").value();
  Status status =
      ValidateInput(*ec2->FindOperation("CreateSecurityGroup"), J(R"({"VpcId": "vpc-1"})"));
  EXPECT_EQ(status.message(),
            "Parameter validation failed:\n"
            "Missing required parameter: Description\n"
            "Missing required parameter: GroupName");
}

}  // namespace
}  // namespace vueops::model
