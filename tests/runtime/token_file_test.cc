// Tokens that rotate on disk (tokenFile, the projected service-account token) and the
// in-cluster configuration.
#include "rest/token_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "rest/in_cluster.h"
#include "runtime/rest_test_support.h"

namespace kube::rest::internal {
namespace {

using kube_test::ScopedEnv;
using kube_test::TempDir;
using ::testing::HasSubstr;
namespace fs = std::filesystem;

TEST(TokenFileTest, ReReadWhenTheFileIsReplaced) {
  TempDir dir;
  auto path = dir.Write("token", "first\n");
  TokenFileProvider p(path);
  auto ctx = Context::Background();
  EXPECT_EQ(p.Get(ctx)->token, "first") << "trailing whitespace is not part of the token";
  EXPECT_EQ(p.Get(ctx)->token, "first");
  dir.Write("token", "second");  // a new file renamed over the old one
  EXPECT_EQ(p.Get(ctx)->token, "second");
  std::ofstream(path, std::ios::trunc) << "third-longer";  // rewritten in place
  EXPECT_EQ(p.Get(ctx)->token, "third-longer");
  fs::remove(path);
  EXPECT_EQ(p.Get(ctx)->token, "third-longer") << "a file being replaced may vanish briefly";
}

TEST(TokenFileTest, InitialTokenUntilTheFileIsReadable) {
  TempDir dir;
  TokenFileProvider p(dir / "token", "from-kubeconfig");
  EXPECT_EQ(p.Get(Context::Background())->token, "from-kubeconfig");
  dir.Write("token", "from-file");
  EXPECT_EQ(p.Get(Context::Background())->token, "from-file");
}

TEST(TokenFileTest, UnreadableWithoutATokenIsAnError) {
  TempDir dir;
  TokenFileProvider p(dir / "token");
  auto creds = p.Get(Context::Background());
  ASSERT_FALSE(creds);
  EXPECT_TRUE(IsCredentialsError(creds.error()));
  EXPECT_THAT(creds.error().message, HasSubstr("cannot read token file \"" + dir / "token\""));
}

TEST(TokenFileTest, InvalidateReportsWhetherTheTokenChanged) {
  TempDir dir;
  dir.Write("token", "a");
  TokenFileProvider p(dir / "token");
  auto used = p.Get(Context::Background()).value();
  EXPECT_FALSE(p.Invalidate(used)) << "the same token again: a retry would fail the same way";
  dir.Write("token", "b");
  EXPECT_TRUE(p.Invalidate(used));
  EXPECT_EQ(p.Get(Context::Background())->token, "b");
}

// The kubelet's projected volume: token -> ..data/token, ..data -> a timestamped directory,
// and a rotation swaps the ..data symlink.
TEST(InClusterTest, ServiceAccountTokenRotatesThroughTheKubeletsSymlinks) {
  TempDir dir;
  dir.Write("..2024_01_01/token", "sa-token-1\n");
  dir.Write("..2024_01_01/ca.crt", "CA");
  dir.Write("..2024_01_01/namespace", "payments");
  fs::create_directory_symlink("..2024_01_01", dir / "..data");
  for (const char* f : {"token", "ca.crt", "namespace"}) {
    fs::create_symlink(std::string("..data/") + f, dir / f);
  }
  ScopedEnv host("KUBERNETES_SERVICE_HOST", std::string("10.96.0.1"));
  ScopedEnv port("KUBERNETES_SERVICE_PORT", std::string("443"));
  ScopedEnv pod_ns("POD_NAMESPACE", std::nullopt);
  auto cfg = InClusterConfigFrom(dir.path());
  ASSERT_TRUE(cfg) << cfg.error().message;
  EXPECT_EQ(cfg->host, "https://10.96.0.1:443");
  EXPECT_EQ(cfg->bearer_token, "sa-token-1");
  EXPECT_EQ(cfg->bearer_token_file, dir / "token");
  EXPECT_EQ(cfg->ca_file, dir / "ca.crt");
  EXPECT_EQ(cfg->namespace_, "payments");

  TokenFileProvider p(cfg->bearer_token_file, cfg->bearer_token);
  EXPECT_EQ(p.Get(Context::Background())->token, "sa-token-1");
  dir.Write("..2024_01_02/token", "sa-token-2\n");
  fs::create_directory_symlink("..2024_01_02", dir / "..data_tmp");
  fs::rename(dir / "..data_tmp", dir / "..data");
  EXPECT_EQ(p.Get(Context::Background())->token, "sa-token-2");
}

TEST(InClusterTest, NamespaceHostAndErrors) {
  TempDir dir;
  ScopedEnv pod_ns("POD_NAMESPACE", std::string("from-env"));
  {
    ScopedEnv host("KUBERNETES_SERVICE_HOST", std::nullopt);
    auto cfg = InClusterConfigFrom(dir.path());
    ASSERT_FALSE(cfg);
    EXPECT_THAT(cfg.error().message,
                HasSubstr("KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT"));
  }
  ScopedEnv host("KUBERNETES_SERVICE_HOST", std::string("fd00::1"));
  ScopedEnv port("KUBERNETES_SERVICE_PORT", std::string("6443"));
  auto no_token = InClusterConfigFrom(dir.path());
  ASSERT_FALSE(no_token);
  EXPECT_THAT(no_token.error().message, HasSubstr("cannot read the service account token"));
  dir.Write("token", "t");
  auto cfg = InClusterConfigFrom(dir.path());
  ASSERT_TRUE(cfg) << cfg.error().message;
  EXPECT_EQ(cfg->host, "https://[fd00::1]:6443");
  EXPECT_EQ(cfg->namespace_, "from-env");
  EXPECT_TRUE(cfg->ca_file.empty()) << "no CA mounted: the system roots apply";
}

}  // namespace
}  // namespace kube::rest::internal
