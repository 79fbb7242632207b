#include "model/service_model.h"

#include <gtest/gtest.h>

namespace vueops::model {
namespace {

Json J(const char* text) { return ParseJson(text).value(); }

// A small rest-xml service exercising the traits a reference can override.
const char* kService = R"({
  "metadata": {"protocol": "rest-xml", "apiVersion": "2020-01-01", "endpointPrefix": "demo",
               "serviceId": "Demo", "signatureVersion": "v4", "globalEndpoint": "demo.aws"},
  "operations": {
    "PutThing": {
      "name": "PutThing",
      "http": {"method": "PUT", "requestUri": "/{Bucket}?thing", "responseCode": 204},
      "input": {"shape": "PutThingRequest", "locationName": "PutThingRequest",
                "xmlNamespace": {"uri": "https://demo/"}},
      "errors": [{"shape": "NoSuchThing"}],
      "endpoint": {"hostPrefix": "{AccountId}."},
      "authtype": "v4-unsigned-body",
      "httpChecksum": {"requestAlgorithmMember": "Algo", "requestChecksumRequired": true}
    },
    "ListThings": {"name": "ListThings", "http": {"method": "GET", "requestUri": "/"},
                   "output": {"shape": "ListThingsOutput"}}
  },
  "shapes": {
    "PutThingRequest": {"type": "structure", "required": ["Bucket", "AccountId"],
      "payload": "Body",
      "members": {
        "Bucket": {"shape": "Name", "location": "uri", "locationName": "Bucket"},
        "AccountId": {"shape": "Name", "location": "header", "locationName": "x-account",
                      "hostLabel": true},
        "Body": {"shape": "Blob", "streaming": true},
        "Algo": {"shape": "Name"},
        "When": {"shape": "Time", "timestampFormat": "unixTimestamp"}
      }},
    "ListThingsOutput": {"type": "structure", "members": {
        "Things": {"shape": "Things", "locationName": "Thing", "flattened": true}}},
    "Things": {"type": "list", "member": {"shape": "Name", "locationName": "item"}},
    "Name": {"type": "string", "min": 1, "max": 10, "enum": ["a", "b"]},
    "Blob": {"type": "blob"},
    "Time": {"type": "timestamp", "timestampFormat": "iso8601"},
    "NoSuchThing": {"type": "structure", "members": {}, "exception": true,
                    "error": {"code": "NoSuchThingCode", "httpStatusCode": 404,
                              "senderFault": true}}
  }
})";

TEST(ServiceModelTest, ReadsMetadataOperationsAndShapes) {
  auto model = ServiceModel::FromJson("demo", J(kService)).value();
  EXPECT_EQ(model->name(), "demo");
  const ServiceMetadata& metadata = model->metadata();
  EXPECT_EQ(metadata.protocol, Protocol::kRestXml);
  EXPECT_EQ(metadata.api_version, "2020-01-01");
  EXPECT_EQ(metadata.signing_name, "demo");  // endpointPrefix when not modeled
  EXPECT_EQ(metadata.global_endpoint, "demo.aws");

  ASSERT_EQ(model->operations().size(), 2u);
  EXPECT_EQ(model->operations()[0].name, "ListThings");  // sorted
  const Operation* put = model->FindOperation("PutThing");
  ASSERT_NE(put, nullptr);
  EXPECT_EQ(model->FindOperation("put-thing"), put);
  EXPECT_EQ(put->http_method, "PUT");
  EXPECT_EQ(put->request_uri, "/{Bucket}?thing");
  EXPECT_EQ(put->response_code, 204);
  EXPECT_EQ(put->host_prefix, "{AccountId}.");
  EXPECT_EQ(put->auth_type, "v4-unsigned-body");
  EXPECT_TRUE(put->http_checksum.request_checksum_required);
  EXPECT_EQ(put->http_checksum.request_algorithm_member, "Algo");
  EXPECT_EQ(put->service, model.get());
  EXPECT_TRUE(put->has_streaming_input());
  EXPECT_FALSE(put->has_event_stream_output());
  ASSERT_EQ(put->errors.size(), 1u);
  EXPECT_EQ(put->errors[0]->error_code, "NoSuchThingCode");
  EXPECT_EQ(put->errors[0]->error_http_status, 404);
  EXPECT_EQ(put->errors[0]->error_sender_fault, true);
  EXPECT_EQ(model->FindErrorShape("NoSuchThingCode"), put->errors[0]);
  EXPECT_EQ(model->FindErrorShape("NoSuchThing"), nullptr);

  // The operation's reference carries the XML root name and namespace.
  EXPECT_EQ(put->input.traits.location_name, "PutThingRequest");
  EXPECT_TRUE(put->input.traits.has_xml_namespace);
  EXPECT_EQ(put->input.traits.xml_namespace_uri, "https://demo/");
  const Shape& request = *put->input.shape;
  ASSERT_EQ(request.members.size(), 5u);
  EXPECT_EQ(request.members[0].name, "Bucket");  // model order kept
  EXPECT_EQ(request.payload, &request.members[2]);
  const Member* account = request.FindMember("AccountId");
  ASSERT_NE(account, nullptr);
  EXPECT_TRUE(account->required);
  EXPECT_TRUE(account->traits.host_label);
  EXPECT_EQ(account->traits.location, Location::kHeader);
  EXPECT_EQ(account->traits.location_name, "x-account");
  EXPECT_FALSE(request.FindMember("Algo")->required);
  // A reference's timestampFormat overrides the shape's.
  EXPECT_EQ(request.FindMember("When")->traits.timestamp_format, TimestampFormat::kUnixTimestamp);
  EXPECT_EQ(request.FindMember("When")->shape->traits.timestamp_format, TimestampFormat::kIso8601);
  const Shape* name = model->FindShape("Name");
  ASSERT_NE(name, nullptr);
  EXPECT_EQ(name->min, 1);
  EXPECT_EQ(name->max, 10);
  EXPECT_EQ(name->enum_values, (std::vector<std::string>{"a", "b"}));

  const Member& things = model->FindOperation("ListThings")->output.shape->members[0];
  EXPECT_TRUE(things.traits.flattened);
  EXPECT_EQ(things.traits.location_name, "Thing");
  EXPECT_EQ(things.shape->element.traits.location_name, "item");
}

TEST(ServiceModelTest, UnknownOperationSuggestsTheClosestName) {
  auto model = ServiceModel::FromJson("demo", J(kService)).value();
  Result<const Operation*> cli = model->GetOperation("put-thnig");
  ASSERT_FALSE(cli.ok());
  EXPECT_EQ(cli.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(cli.status().message(), "demo has no operation 'put-thnig'; did you mean 'put-thing'?");
  EXPECT_EQ(model->GetOperation("ListThing").status().message(),
            "demo has no operation 'ListThing'; did you mean 'ListThings'?");
  EXPECT_EQ(model->GetOperation("Frobnicate").status().message(),
            "demo has no operation 'Frobnicate'");
}

TEST(ServiceModelTest, PrefersTheFirstSupportedProtocolOfTheList) {
  Json service = J(kService);
  service["metadata"]["protocols"] = J(R"(["smithy-rpc-v2-cbor", "json", "query"])");
  service["metadata"]["protocol"] = "query";
  service["metadata"]["jsonVersion"] = "1.0";
  service["metadata"]["awsQueryCompatible"] = Json::object();
  auto model = ServiceModel::FromJson("demo", service).value();
  EXPECT_EQ(model->metadata().protocol, Protocol::kJson);
  EXPECT_TRUE(model->metadata().query_compatible);
}

TEST(ServiceModelTest, RejectsModelsTheClientCannotUse) {
  Json dangling = J(kService);
  dangling["shapes"]["Things"]["member"]["shape"] = "Missing";
  Result<std::unique_ptr<ServiceModel>> result = ServiceModel::FromJson("demo", dangling);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message(),
            "service model demo: shape Things.member refers to an unknown shape 'Missing'");

  Json bad_type = J(kService);
  bad_type["shapes"]["Name"]["type"] = "char";
  EXPECT_FALSE(ServiceModel::FromJson("demo", bad_type).ok());

  Json bad_protocol = J(kService);
  bad_protocol["metadata"]["protocol"] = "smithy-rpc-v2-cbor";
  EXPECT_EQ(ServiceModel::FromJson("demo", bad_protocol).status().message(),
            "service model demo: protocol 'smithy-rpc-v2-cbor' is not supported");

  Json bad_payload = J(kService);
  bad_payload["shapes"]["PutThingRequest"]["payload"] = "Nope";
  EXPECT_FALSE(ServiceModel::FromJson("demo", bad_payload).ok());

  EXPECT_FALSE(ServiceModel::FromJson("demo", J("[]")).ok());
  EXPECT_FALSE(ServiceModel::FromEmbeddedDocument("demo", "{not json").ok());
}

TEST(ServiceModelTest, ReadsPaginatorsAndWaiters) {
  Json paginators = J(R"({"ListThings": {"input_token": ["A", "B"], "output_token": ["X", "Y.Z"],
                                         "limit_key": "Max", "result_key": "Things",
                                         "more_results": "More"}})");
  Json waiters = J(R"({"ThingExists": {"operation": "ListThings", "delay": 5, "maxAttempts": 3,
      "acceptors": [{"state": "success", "matcher": "pathAny", "argument": "Things[]",
                     "expected": "a"},
                    {"state": "retry", "matcher": "error", "expected": "NoSuchThingCode"}]}})");
  auto model = ServiceModel::FromJson("demo", J(kService), paginators, waiters).value();
  const PaginatorConfig* paginator = model->FindPaginator("ListThings");
  ASSERT_NE(paginator, nullptr);
  EXPECT_EQ(paginator->input_tokens, (std::vector<std::string>{"A", "B"}));
  ASSERT_EQ(paginator->output_tokens.size(), 2u);
  EXPECT_EQ(paginator->output_tokens[1].text(), "Y.Z");
  EXPECT_EQ(paginator->limit_key, "Max");
  ASSERT_TRUE(paginator->more_results.has_value());
  EXPECT_EQ(model->FindPaginator("PutThing"), nullptr);

  const WaiterConfig* waiter = model->FindWaiter("thing-exists");
  ASSERT_NE(waiter, nullptr);
  EXPECT_EQ(waiter, model->FindWaiter("ThingExists"));
  EXPECT_EQ(waiter->delay_seconds, 5);
  EXPECT_EQ(waiter->max_attempts, 3);
  ASSERT_EQ(waiter->acceptors.size(), 2u);
  EXPECT_EQ(waiter->acceptors[0].matcher, WaiterAcceptor::Matcher::kPathAny);
  EXPECT_EQ(waiter->acceptors[1].state, WaiterAcceptor::State::kRetry);
  EXPECT_EQ(model->GetWaiter("thing-exist").status().message(),
            "demo has no waiter 'thing-exist'; did you mean 'thing-exists'?");

  Json bad_paginator = J(R"({"ListThings": {"input_token": "A", "output_token": "X[",
                                            "result_key": "Things"}})");
  Result<std::unique_ptr<ServiceModel>> bad =
      ServiceModel::FromJson("demo", J(kService), bad_paginator);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("paginator ListThings"), std::string::npos);
}

}  // namespace
}  // namespace vueops::model
