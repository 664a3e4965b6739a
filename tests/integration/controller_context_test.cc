// kube::StartControllerContext: requests made with it carry a W3C traceparent naming the action's
// span, the client trace hook receives the action and the object, nested actions share the
// trace, and End() closes the span.
#include "kube/controller_context.h"

#include <gtest/gtest.h>

#include <regex>

#include "kube/client_trace.h"
#include "support/server_fixture.h"

namespace {

using kube_test::MakeConfigMap;

class ControllerContextTest : public kube_test::ServerTest {};

TEST_F(ControllerContextTest, RequestsCarryTheActionsTraceparent) {
  kube_test::ConfigMap owner = MakeConfigMap("owner");
  owner.metadata.namespace_ = "default";
  owner.metadata.uid = "1234";
  std::vector<std::string> seen;
  kube::ClientTrace trace;
  trace.on_controller_action = [&](const kube::ControllerAction& a, std::string_view method,
                                   std::string_view) {
    seen.push_back(a.action + " " + a.object.kind + "/" + a.object.name + " " +
                   std::string(method));
  };
  auto ctx = kube::WithClientTrace(kube::Context::Background(), trace);
  auto action = kube::StartControllerContext(ctx, owner, "configmap.Mirror");
  ASSERT_TRUE(ConfigMaps().Create(action, MakeConfigMap("mirror"), {}));
  const std::string traceparent = action.action().TraceParent();
  EXPECT_TRUE(std::regex_match(traceparent, std::regex("00-[0-9a-f]{32}-[0-9a-f]{16}-01")));
  auto requests = server_.Requests();
  ASSERT_FALSE(requests.empty());
  EXPECT_EQ(requests.back().headers["traceparent"], traceparent);
  EXPECT_EQ(seen, (std::vector<std::string>{"configmap.Mirror ConfigMap/owner POST"}));

  // A nested action continues the trace with a span of its own.
  auto inner = kube::StartControllerContext(action, owner, "configmap.Label");
  EXPECT_EQ(inner.action().trace_id, action.action().trace_id);
  EXPECT_EQ(inner.action().parent_span_id, action.action().span_id);
  EXPECT_NE(inner.action().span_id, action.action().span_id);
  ASSERT_TRUE(ConfigMaps().Get(inner, "mirror", {}));
  EXPECT_EQ(server_.Requests().back().headers["traceparent"], inner.action().TraceParent());

  EXPECT_FALSE(action.action().end);
  action.End();
  ASSERT_TRUE(action.action().end);
  EXPECT_GE(*action.action().end, action.action().start);

  // Without an action nothing is added.
  ASSERT_TRUE(ConfigMaps().Get(kube::Context::Background(), "mirror", {}));
  EXPECT_EQ(server_.Requests().back().headers.count("traceparent"), 0u);
}

}  // namespace
