// A test API server on 127.0.0.1 and a REST client pointed at it.
#pragma once

#include <gtest/gtest.h>

#include "kube/rest/client.h"
#include "kube/testing/apiserver.h"
#include "kube/typed_client.h"
#include "support/test_types.h"

namespace kube_test {

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.Start());
    config_.host = server_.URL();
    config_.qps = -1;  // tests that want the limiter set their own
    client_ = kube::rest::Client::New(config_).value();
  }
  void TearDown() override {
    client_.reset();
    server_.Stop();
  }

  kube::TypedClient<ConfigMap, ConfigMapList> ConfigMaps(const std::string& ns = "default") {
    return {client_, kConfigMaps, ns};
  }
  kube::TypedClient<Widget, WidgetList> Widgets(const std::string& ns = "default") {
    return {client_, kWidgets, ns};
  }

  kube::testing::APIServer server_{
      TestScheme(),
      kube::testing::APIServerOptions{.bookmark_interval = std::chrono::milliseconds(50)}};
  kube::rest::Config config_;
  std::shared_ptr<kube::rest::Client> client_;
};

}  // namespace kube_test
