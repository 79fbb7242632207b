// The planner and the applier together, over a fake cloud: create, no-op, update, replace,
// drift, deletion outside vueops, orphans, stateful guards, failures with their root causes,
// interrupted creates, readiness, stale plans, targets and secrets.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>

#include "base/file.h"

#include "apply/applier.h"
#include "fake_resources.h"
#include "plan/plan_file.h"
#include "plan/planner.h"
#include "plan/render.h"
#include "state/store.h"

namespace vueops::apply {
namespace {

using plan::Action;
using resources::DesiredResource;
using resources::Reference;
using test_support::FakeAccountAccess;
using test_support::FakeCloud;
using test_support::FakeResourceType;

class EngineTest : public testing::Test {
 protected:
  EngineTest()
      : network_("network", &cloud_),
        server_("server", &cloud_),
        database_("database", &cloud_, /*stateful=*/true),
        store_(state::NewMemoryStateStore()),
        executor_(NewAwsExecutor()) {}

  DesiredResource Resource(const std::string& address, const resources::ResourceType& type,
                           Json attributes) {
    DesiredResource resource;
    resource.address = address;
    resource.type = &type;
    resource.account = "vueprod";
    resource.region = "us-west-2";
    resource.attributes = std::move(attributes);
    return resource;
  }

  // vpc <- subnet <- server; database alone.
  std::vector<DesiredResource> Stack(int server_size = 2, const std::string& subnet_name = "a") {
    return {
        Resource("prod.network.vpc", network_, {{"name", "vpc"}, {"size", 16}}),
        Resource("prod.network.subnet", network_,
                 {{"name", subnet_name}, {"size", 20}, {"parent", Reference("prod.network.vpc")}}),
        Resource("prod.server.web", server_,
                 {{"name", "web"},
                  {"size", server_size},
                  {"parent", Reference("prod.network.subnet")},
                  {"secret", "hunter2"}}),
        Resource("prod.database.main", database_, {{"name", "db"}, {"size", 20}}),
    };
  }

  Result<plan::Plan> Plan(const std::vector<DesiredResource>& desired,
                          plan::PlanOptions options = {}) {
    options.find_type = [this](std::string_view name) -> const resources::ResourceType* {
      for (const resources::ResourceType* type : {&network_, &server_, &database_}) {
        if (type->name() == name) return type;
      }
      return nullptr;
    };
    return plan::MakePlan(desired, *store_, access_, options);
  }

  ApplyReport Apply(const plan::Plan& plan) {
    Result<ApplyReport> report = ApplyPlan(plan, *store_, access_, *executor_);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.value_or(ApplyReport());
  }

  // Plans and applies `desired`, expecting success.
  void Converge(const std::vector<DesiredResource>& desired) {
    Result<plan::Plan> plan = Plan(desired);
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    ApplyReport report = Apply(*plan);
    ASSERT_TRUE(report.ok()) << RenderApplyReport(report, false);
  }

  std::string IdOf(const std::string& address) {
    return store_->Get(address).value()->id;
  }

  FakeCloud cloud_;
  FakeResourceType network_, server_, database_;
  FakeAccountAccess access_;
  std::unique_ptr<state::StateStore> store_;
  std::unique_ptr<Executor> executor_;
};

TEST_F(EngineTest, CreatesInDependencyOrderThenHasNoChanges) {
  Result<plan::Plan> plan = Plan(Stack());
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->Count(Action::kCreate), 4u);
  const plan::Change* subnet = plan->Find("prod.network.subnet");
  ASSERT_NE(subnet, nullptr);
  bool parent_unknown = false;
  for (const plan::AttributeChange& attribute : subnet->attributes) {
    if (attribute.name == "parent") parent_unknown = attribute.after == "(known after apply)";
  }
  EXPECT_TRUE(parent_unknown);
  std::string rendered = plan::RenderPlan(*plan, {});
  EXPECT_NE(rendered.find("# prod.server.web will be created"), std::string::npos) << rendered;
  EXPECT_NE(rendered.find("Plan: 4 to add, 0 to change, 0 to destroy."), std::string::npos);
  EXPECT_EQ(rendered.find("hunter2"), std::string::npos) << "a secret reached the plan";

  ApplyReport report = Apply(*plan);
  ASSERT_TRUE(report.ok()) << RenderApplyReport(report, false);
  EXPECT_EQ(cloud_.objects().size(), 4u);
  // References were resolved to the ids of what they name.
  EXPECT_EQ(cloud_.Get(IdOf("prod.network.subnet"))->attributes["parent"],
            IdOf("prod.network.vpc"));
  EXPECT_EQ(cloud_.Get(IdOf("prod.server.web"))->attributes["parent"],
            IdOf("prod.network.subnet"));
  // Secrets never reach the state.
  EXPECT_FALSE(store_->Get("prod.server.web").value()->attributes.contains("secret"));
  EXPECT_EQ(store_->Get("prod.server.web").value()->dependencies,
            std::vector<std::string>{"prod.network.subnet"});

  Result<plan::Plan> again = Plan(Stack());
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->HasChanges()) << plan::RenderPlan(*again, {});
  EXPECT_EQ(plan::RenderPlan(*again, {}), "No changes. The live accounts match the spec.\n");
}

TEST_F(EngineTest, UpdatesInPlace) {
  Converge(Stack());
  std::string id = IdOf("prod.server.web");
  Result<plan::Plan> plan = Plan(Stack(/*server_size=*/4));
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->Count(Action::kUpdate), 1u);
  const plan::Change& change = *plan->Find("prod.server.web");
  ASSERT_EQ(change.attributes.size(), 1u);
  EXPECT_EQ(change.attributes[0].name, "size");
  EXPECT_EQ(change.attributes[0].before, 2);
  EXPECT_EQ(change.attributes[0].after, 4);
  EXPECT_TRUE(Apply(*plan).ok());
  EXPECT_EQ(IdOf("prod.server.web"), id);
  EXPECT_EQ(cloud_.Get(id)->attributes["size"], 4);
  EXPECT_FALSE(Plan(Stack(4))->HasChanges());
}

TEST_F(EngineTest, ReplacesWhenAnImmutableAttributeChanges) {
  Converge(Stack());
  std::string old_subnet = IdOf("prod.network.subnet");
  std::string old_server = IdOf("prod.server.web");
  Result<plan::Plan> plan = Plan(Stack(2, /*subnet_name=*/"b"));
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->Find("prod.network.subnet")->action, Action::kReplace);
  // The server refers to the subnet's id, which will change: it is replaced too.
  EXPECT_EQ(plan->Find("prod.server.web")->action, Action::kReplace);
  std::string rendered = plan::RenderPlan(*plan, {});
  EXPECT_NE(rendered.find("# forces replacement"), std::string::npos) << rendered;
  EXPECT_TRUE(Apply(*plan).ok());
  EXPECT_NE(IdOf("prod.network.subnet"), old_subnet);
  EXPECT_FALSE(cloud_.Get(old_subnet).has_value());
  EXPECT_EQ(cloud_.Get(IdOf("prod.server.web"))->attributes["parent"], IdOf("prod.network.subnet"));
  EXPECT_FALSE(cloud_.Get(old_server).has_value());
  EXPECT_EQ(cloud_.objects().size(), 4u);
}

TEST_F(EngineTest, DriftShowsAndIsReverted) {
  Converge(Stack());
  cloud_.Modify(IdOf("prod.server.web"), "size", 9);  // by hand, in the console
  Result<plan::Plan> plan = Plan(Stack());
  ASSERT_TRUE(plan.ok());
  const plan::Change& change = *plan->Find("prod.server.web");
  EXPECT_EQ(change.action, Action::kUpdate);
  EXPECT_EQ(change.reason, "changed outside vueops");
  EXPECT_TRUE(Apply(*plan).ok());
  EXPECT_EQ(cloud_.Get(IdOf("prod.server.web"))->attributes["size"], 2);
  // Without refresh the state is trusted and nothing is seen.
  cloud_.Modify(IdOf("prod.server.web"), "size", 9);
  plan::PlanOptions no_refresh;
  no_refresh.refresh = false;
  EXPECT_FALSE(Plan(Stack(), no_refresh)->HasChanges());
}

TEST_F(EngineTest, ObjectDeletedOutsideIsCreatedAgain) {
  Converge(Stack());
  cloud_.Remove(IdOf("prod.database.main"));
  Result<plan::Plan> plan = Plan(Stack());
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->Find("prod.database.main")->action, Action::kCreate);
  EXPECT_EQ(plan->Find("prod.database.main")->reason, "deleted outside vueops");
  EXPECT_TRUE(Apply(*plan).ok());
  EXPECT_TRUE(cloud_.Get(IdOf("prod.database.main")).has_value());
}

TEST_F(EngineTest, OrphansAreDeletedDependentsFirst) {
  Converge(Stack());
  std::vector<DesiredResource> smaller = Stack();
  smaller.erase(smaller.begin(), smaller.begin() + 3);  // only the database stays
  Result<plan::Plan> plan = Plan(smaller);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->Count(Action::kDelete), 3u);
  EXPECT_TRUE(plan->graph.DependenciesOf("prod.network.vpc").count("prod.network.subnet"));
  EXPECT_TRUE(plan->graph.DependenciesOf("prod.network.subnet").count("prod.server.web"));
  ApplyReport report = Apply(*plan);
  EXPECT_TRUE(report.ok()) << RenderApplyReport(report, false);
  EXPECT_EQ(cloud_.objects().size(), 1u);
  EXPECT_EQ(store_->List()->size(), 1u);
}

TEST_F(EngineTest, StatefulObjectsNeedAllowDestroy) {
  Converge(Stack());
  plan::PlanOptions destroy;
  destroy.destroy = true;
  Result<plan::Plan> refused = Plan(Stack(), destroy);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("prod.database.main"), std::string::npos);
  EXPECT_NE(refused.status().message().find("--allow-destroy"), std::string::npos);
  destroy.allow_destroy = {"prod.database.*"};
  Result<plan::Plan> plan = Plan(Stack(), destroy);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->Count(Action::kDelete), 4u);
  EXPECT_TRUE(Apply(*plan).ok());
  EXPECT_TRUE(cloud_.objects().empty());
  EXPECT_TRUE(store_->List()->empty());
}

TEST_F(EngineTest, ADisposableStatefulObjectNeedsNoAllowDestroy) {
  std::vector<DesiredResource> stack = Stack();
  stack[3].attributes["force_destroy"] = true;  // prod.database.main
  Converge(stack);
  plan::PlanOptions destroy;
  destroy.destroy = true;
  Result<plan::Plan> plan = Plan(stack, destroy);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->Find("prod.database.main")->action, Action::kDelete);
}

TEST_F(EngineTest, StorageNeverShrinks) {
  Converge(Stack());
  std::vector<DesiredResource> smaller = Stack();
  smaller[3].attributes["size"] = 10;
  Result<plan::Plan> plan = Plan(smaller);
  ASSERT_FALSE(plan.ok());
  EXPECT_NE(plan.status().message().find("never shrinks"), std::string::npos);
}

TEST_F(EngineTest, FailureIsReportedAtItsRootAndTheRestStillApplies) {
  cloud_.FailCreate("prod.network.subnet");
  Result<plan::Plan> plan = Plan(Stack());
  ASSERT_TRUE(plan.ok());
  ApplyReport report = Apply(*plan);
  EXPECT_FALSE(report.ok());
  std::map<std::string, ApplyOutcome> by_address;
  for (const ApplyOutcome& outcome : report.outcomes) by_address[outcome.address] = outcome;
  EXPECT_EQ(by_address["prod.network.vpc"].state, ApplyOutcome::State::kSucceeded);
  EXPECT_EQ(by_address["prod.database.main"].state, ApplyOutcome::State::kSucceeded);
  EXPECT_EQ(by_address["prod.network.subnet"].state, ApplyOutcome::State::kFailed);
  EXPECT_EQ(by_address["prod.server.web"].state, ApplyOutcome::State::kSkipped);
  EXPECT_EQ(by_address["prod.server.web"].root_cause, "prod.network.subnet");
  std::string text = RenderApplyReport(report, false);
  EXPECT_NE(text.find("not attempted because of it: prod.server.web"), std::string::npos) << text;
  EXPECT_NE(text.find("2 created"), std::string::npos) << text;
  // The failed create left an intent; the next run creates it (once) and goes on.
  EXPECT_EQ(store_->Get("prod.network.subnet").value()->status, state::RecordStatus::kIntent);
  cloud_.AllowCreate("prod.network.subnet");
  Converge(Stack());
  EXPECT_EQ(cloud_.objects().size(), 4u);
  EXPECT_FALSE(Plan(Stack())->HasChanges());
}

TEST_F(EngineTest, InterruptedCreateIsAdoptedNotDuplicated) {
  // A crash after the create call and before its answer was recorded: an intent in the
  // state, and the object in the cloud.
  state::ResourceRecord intent;
  intent.address = "prod.database.main";
  intent.type = "database";
  intent.account = "vueprod";
  intent.region = "us-west-2";
  intent.status = state::RecordStatus::kIntent;
  intent.create_token = "token-1";
  ASSERT_TRUE(store_->Put(intent).ok());
  std::string id = cloud_.Add("database", "prod.database.main", {{"name", "db"}, {"size", 20}});
  Result<plan::Plan> plan = Plan(Stack());
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->Find("prod.database.main")->action, Action::kAdopt);
  EXPECT_TRUE(Apply(*plan).ok());
  EXPECT_EQ(IdOf("prod.database.main"), id);
  EXPECT_EQ(cloud_.objects().size(), 4u);  // the three others were created, the database not
  EXPECT_FALSE(Plan(Stack())->HasChanges());
}

TEST_F(EngineTest, AnAdoptedHalfFinishedCreateIsFinishedInTheSameApply) {
  // A crash between the create call and the calls that complete the object (a route table's
  // routes): the object exists, but not yet as the spec says. One apply must converge.
  state::ResourceRecord intent;
  intent.address = "prod.database.main";
  intent.type = "database";
  intent.account = "vueprod";
  intent.region = "us-west-2";
  intent.status = state::RecordStatus::kIntent;
  intent.create_token = "token-1";
  ASSERT_TRUE(store_->Put(intent).ok());
  std::string id = cloud_.Add("database", "prod.database.main", {{"name", "db"}, {"size", 5}});
  Result<plan::Plan> plan = Plan(Stack());
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->Find("prod.database.main")->action, Action::kAdopt);
  EXPECT_TRUE(Apply(*plan).ok());
  EXPECT_EQ(IdOf("prod.database.main"), id);
  EXPECT_EQ(cloud_.Get(id)->attributes["size"], 20);
  EXPECT_FALSE(Plan(Stack())->HasChanges());
}

TEST_F(EngineTest, AnObjectAdoptedWithoutACreateTokenIsLeftAsItIs) {
  // vueops import's intents carry no token: an object made by hand is recorded, not changed,
  // and the next plan shows the difference.
  state::ResourceRecord intent;
  intent.address = "prod.database.main";
  intent.type = "database";
  intent.account = "vueprod";
  intent.region = "us-west-2";
  intent.status = state::RecordStatus::kIntent;
  ASSERT_TRUE(store_->Put(intent).ok());
  std::string id = cloud_.Add("database", "prod.database.main", {{"name", "db"}, {"size", 5}});
  Result<plan::Plan> plan = Plan(Stack());
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_TRUE(Apply(*plan).ok());
  EXPECT_EQ(cloud_.Get(id)->attributes["size"], 5);
  Result<plan::Plan> next = Plan(Stack());
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->Find("prod.database.main")->action, Action::kUpdate);
}

TEST_F(EngineTest, NotReadyIsTaintedAndReplacedNextTime) {
  cloud_.NeverReady("prod.network.vpc");
  Result<plan::Plan> plan = Plan(Stack());
  ASSERT_TRUE(plan.ok());
  ApplyReport report = Apply(*plan);
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(store_->Get("prod.network.vpc").value()->status, state::RecordStatus::kTainted);
  // The wait ran on the fake clock, not the wall clock.
  EXPECT_GE(access_.fake_clock().total_slept(), std::chrono::seconds(60));
  std::string old = IdOf("prod.network.vpc");
  Result<plan::Plan> next = Plan(Stack());
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->Find("prod.network.vpc")->action, Action::kReplace);
  EXPECT_EQ(next->Find("prod.network.vpc")->reason, "tainted: it did not become ready");
}

TEST_F(EngineTest, StalePlansAreRefused) {
  Result<plan::Plan> plan = Plan(Stack());
  ASSERT_TRUE(plan.ok());
  Converge(Stack());  // someone else applied in between
  Result<ApplyReport> report = ApplyPlan(*plan, *store_, access_, *executor_);
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.status().message().find("plan again"), std::string::npos);
}

TEST_F(EngineTest, TargetsLimitThePlanToThemAndWhatTheyNeed) {
  plan::PlanOptions options;
  options.targets = {"prod.network.subnet"};
  Result<plan::Plan> plan = Plan(Stack(), options);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->Find("prod.network.subnet")->action, Action::kCreate);
  EXPECT_EQ(plan->Find("prod.network.vpc")->action, Action::kCreate);
  EXPECT_EQ(plan->Find("prod.server.web")->action, Action::kNoop);
  EXPECT_EQ(plan->Find("prod.database.main")->action, Action::kNoop);
}

TEST_F(EngineTest, ATargetedDestroyTakesItsDependentsNotItsDependencies) {
  Converge(Stack());
  plan::PlanOptions options;
  options.destroy = true;
  options.targets = {"prod.network.subnet"};
  Result<plan::Plan> plan = Plan(Stack(), options);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->Find("prod.network.subnet")->action, Action::kDelete);
  EXPECT_EQ(plan->Find("prod.server.web")->action, Action::kDelete);
  EXPECT_EQ(plan->Find("prod.network.vpc")->action, Action::kNoop);
  // The stateful database is not targeted, so the guard has nothing to say.
  EXPECT_EQ(plan->Find("prod.database.main")->action, Action::kNoop);
}

TEST_F(EngineTest, ATargetThatMatchesNothingIsAnErrorWithASuggestion) {
  plan::PlanOptions options;
  options.targets = {"prod.network.subnte"};
  Result<plan::Plan> plan = Plan(Stack(), options);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.status().message(),
            "--target prod.network.subnte matches nothing in the spec or the state; did you mean "
            "'prod.network.subnet'?");
  options.targets = {"prod.server.*"};
  EXPECT_TRUE(Plan(Stack(), options).ok());
}

TEST_F(EngineTest, JsonPlan) {
  Result<plan::Plan> plan = Plan(Stack());
  ASSERT_TRUE(plan.ok());
  Json json = plan::PlanToJson(*plan);
  EXPECT_EQ(json["summary"]["create"], 4);
  EXPECT_EQ(json["changes"].size(), 4u);
  EXPECT_EQ(DumpJson(json).find("hunter2"), std::string::npos);
}

TEST_F(EngineTest, SavedPlanAppliesExactlyAndGoesStale) {
  Result<plan::Plan> plan = Plan(Stack());
  ASSERT_TRUE(plan.ok());
  char pattern[] = "/tmp/vueops_plan_XXXXXX";
  int fd = ::mkstemp(pattern);
  ASSERT_GE(fd, 0);
  ::close(fd);
  ASSERT_TRUE(plan::WritePlanFile(*plan, pattern).ok());
  auto find_type = [this](std::string_view name) -> const resources::ResourceType* {
    for (const resources::ResourceType* type : {&network_, &server_, &database_}) {
      if (type->name() == name) return type;
    }
    return nullptr;
  };
  Result<plan::Plan> saved = plan::ReadPlanFile(pattern, find_type);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_EQ(saved->changes.size(), plan->changes.size());
  EXPECT_EQ(saved->graph.nodes(), plan->graph.nodes());
  ApplyReport report = Apply(*saved);
  EXPECT_TRUE(report.ok()) << RenderApplyReport(report, false);
  EXPECT_EQ(cloud_.objects().size(), 4u);
  // Applying the same saved plan twice is refused: the state moved on.
  Result<ApplyReport> again = ApplyPlan(*saved, *store_, access_, *executor_);
  EXPECT_FALSE(again.ok());
  std::remove(pattern);
  ASSERT_TRUE(WriteFileAtomic(pattern, "{\"format\": \"something-else\"}", 0600).ok());
  EXPECT_NE(plan::ReadPlanFile(pattern).status().message().find("is not a vueops plan"),
            std::string::npos);
  std::remove(pattern);
}

TEST_F(EngineTest, DryRunExecutorChangesNothing) {
  Result<plan::Plan> plan = Plan(Stack());
  ASSERT_TRUE(plan.ok());
  RecordingExecutor dry_run;
  Result<ApplyReport> report = ApplyPlan(*plan, *store_, access_, dry_run);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(dry_run.executed().size(), 4u);
  EXPECT_TRUE(cloud_.objects().empty());
  EXPECT_TRUE(store_->List()->empty());
}

}  // namespace
}  // namespace vueops::apply
