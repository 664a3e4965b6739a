// Which error bodies are read as a metav1.Status: as client-go decides, a body that decodes
// into a Status, with or without kind and apiVersion (older API servers leave them out). Any
// other body gives an error built from the HTTP code.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kube/error.h"
#include "kube/meta.h"
#include "kube/resource_client.h"
#include "kube/watch.h"
#include "support/server_fixture.h"

namespace kube {
namespace {

// Verbatim from an API server that predates kind/apiVersion on Status bodies.
constexpr const char* kKindlessAlreadyExists =
    R"({"metadata":{},"status":"Failure","message":"configmaps \"x\" already exists",)"
    R"("reason":"AlreadyExists","details":{"name":"x","kind":"configmaps"},"code":409})";

TEST(StatusErrorTest, StatusWithoutKindIsAStatus) {
  Error e = Error::FromResponse(409, kKindlessAlreadyExists);
  EXPECT_TRUE(IsAlreadyExists(e)) << e.ToString();
  EXPECT_EQ(e.code, 409);
  EXPECT_EQ(e.reason, "AlreadyExists");
  EXPECT_EQ(e.message, "configmaps \"x\" already exists");
  EXPECT_EQ(e.details.name, "x");
  EXPECT_EQ(e.details.kind, "configmaps");
}

TEST(StatusErrorTest, KindlessStatusVariants) {
  // Success is a Status too (Go reads any non-empty status); the code comes from the body,
  // else from HTTP; causes and retryAfterSeconds are read as with kind.
  Error e =
      Error::FromResponse(500, R"({"status":"Failure","reason":"Invalid","message":"bad","code":422,
      "details":{"causes":[{"reason":"FieldValueInvalid","field":"spec.x"}],"retryAfterSeconds":2}})");
  EXPECT_TRUE(IsInvalid(e));
  EXPECT_EQ(e.code, 422);
  ASSERT_EQ(e.details.causes.size(), 1u);
  EXPECT_EQ(e.details.causes[0].field, "spec.x");
  EXPECT_EQ(e.details.retry_after_seconds, 2);

  Error no_code = Error::FromResponse(404, R"({"status":"Failure","message":"gone away"})");
  EXPECT_EQ(no_code.code, 404);
  EXPECT_TRUE(IsNotFound(no_code));
  EXPECT_EQ(no_code.message, "gone away");

  Error success = Error::FromResponse(409, R"({"status":"Success","reason":"AlreadyExists"})");
  EXPECT_TRUE(IsAlreadyExists(success));

  Error api_version_only = Error::FromResponse(
      409, R"({"apiVersion":"v1","status":"Failure","reason":"AlreadyExists","code":409})");
  EXPECT_TRUE(IsAlreadyExists(api_version_only));

  // Nulls are zero values, as Go decodes them.
  Error nulls = Error::FromResponse(
      409, R"({"kind":null,"status":"Failure","reason":"AlreadyExists","message":null,
      "code":null,"details":{"name":null,"causes":null},"metadata":null})");
  EXPECT_TRUE(IsAlreadyExists(nulls));
  EXPECT_EQ(nulls.code, 409);
}

TEST(StatusErrorTest, ExplicitStatusKindIsStillAStatus) {
  Error e = Error::FromResponse(
      409, R"({"kind":"Status","apiVersion":"v1","reason":"AlreadyExists","message":"m"})");
  EXPECT_TRUE(IsAlreadyExists(e));
  Status s;
  s.reason = "Expired";
  s.code = 410;
  EXPECT_TRUE(IsGone(s.ToError()));
}

TEST(StatusErrorTest, BodiesThatAreNotAStatusUseTheHttpCode) {
  struct Case {
    int code;
    std::string body;
  };
  std::vector<Case> cases = {
      {409, "<html><body>409 Conflict</body></html>"},
      {409, "garbage"},
      {409, "[]"},
      {409, R"([{"status":"Failure","reason":"AlreadyExists"}])"},
      {409, R"("Failure")"},
      {409, "null"},
      {409, "{"},
      {409, R"({"status":"Failure","reason":"AlreadyExists")"},  // truncated
      {409, "{}"},
      // Without kind, only "Failure"/"Success" marks a Status.
      {409, R"({"reason":"AlreadyExists","code":409})"},
      {409, R"({"status":"error","reason":"AlreadyExists","message":"proxy says no"})"},
      // Another kind is not a Status.
      {409, R"({"kind":"ConfigMap","status":"Failure","reason":"AlreadyExists"})"},
      // Status-looking, with types Go cannot decode into a Status.
      {409, R"({"status":"Failure","reason":"AlreadyExists","code":"409"})"},
      {409, R"({"status":"Failure","reason":"AlreadyExists","code":409.5})"},
      {409, R"({"status":"Failure","reason":"AlreadyExists","code":4294967296})"},
      {409, R"({"status":"Failure","reason":"AlreadyExists","code":-2147483649})"},
      {409, R"({"status":"Failure","reason":42})"},
      {409, R"({"status":"Failure","reason":"AlreadyExists","message":["a"]})"},
      {409, R"({"status":true,"reason":"AlreadyExists"})"},
      {409, R"({"kind":7,"status":"Failure","reason":"AlreadyExists"})"},
      {409, R"({"kind":"Status","reason":"AlreadyExists","details":"x"})"},
      {409, R"({"kind":"Status","reason":"AlreadyExists","metadata":[]})"},
      {409, R"({"kind":"Status","reason":"AlreadyExists","details":{"name":5}})"},
      {409, R"({"kind":"Status","reason":"AlreadyExists","details":{"causes":{}}})"},
      {409, R"({"kind":"Status","reason":"AlreadyExists","details":{"causes":[3]}})"},
      {409, R"({"kind":"Status","reason":"AlreadyExists","details":{"causes":[{"field":1}]}})"},
      {409, R"({"kind":"Status","reason":"AlreadyExists","details":{"retryAfterSeconds":"1"}})"},
      {409, std::string("\xff\xfe{\"status\":\"Failure\"}")},
      {409, std::string(100000, '[')},
  };
  for (const Case& c : cases) {
    Error e = Error::FromResponse(c.code, c.body);
    EXPECT_EQ(e.code, 409) << c.body.substr(0, 80);
    EXPECT_TRUE(IsConflict(e)) << c.body.substr(0, 80);
    EXPECT_FALSE(IsAlreadyExists(e)) << c.body.substr(0, 80);
    EXPECT_NE(e.message.find("HTTP 409"), std::string::npos) << e.message;
    EXPECT_LE(e.message.size(), 400u);
  }
  Error unknown = Error::FromResponse(502, "<html>Bad Gateway</html>");
  EXPECT_EQ(unknown.code, 502);
  EXPECT_NE(unknown.message.find("Bad Gateway"), std::string::npos);
}

// A proxy's page in Latin-1 (or any bytes) ends up quoted in the message; the error still
// renders as a Status (bad bytes replaced), which the test server and fakes send on. Found by
// tests/fuzz/server_response_fuzz: nlohmann threw on the invalid UTF-8.
TEST(StatusErrorTest, MessagesQuotingBytesThatAreNotUtf8StillRenderAsStatus) {
  Error e = Error::FromResponse(502,
                                "<html>Passerelle d\xe9"
                                "faillante \xff</html>");
  EXPECT_EQ(e.code, 502);
  std::string status = e.ToStatusJSON();
  auto back = Error::FromResponse(502, status);
  EXPECT_EQ(back.code, 502);
  EXPECT_NE(back.message.find("Passerelle d\xef\xbf\xbd"
                              "faillante"),
            std::string::npos)
      << back.message;
  Status s;
  s.message = "\xff";
  std::string encoded;
  EncodeJSON(s, encoded);
  EXPECT_NE(encoded.find("\xef\xbf\xbd"), std::string::npos) << encoded;
}

// The same through the REST client, with the test API server playing an older server and a
// proxy (Fault::body).
class StatusErrorServerTest : public kube_test::ServerTest {};

TEST_F(StatusErrorServerTest, TypedCreateSeesAlreadyExistsFromAKindlessStatus) {
  server_.AddFault({.method = "POST", .status = 409, .body = kKindlessAlreadyExists});
  auto created = ConfigMaps().Create(Context::Background(), kube_test::MakeConfigMap("x"), {});
  ASSERT_FALSE(created);
  EXPECT_TRUE(IsAlreadyExists(created.error())) << created.error().ToString();
  EXPECT_EQ(created.error().code, 409);
  EXPECT_EQ(created.error().details.name, "x");
  EXPECT_EQ(created.error().message, "configmaps \"x\" already exists");
}

TEST_F(StatusErrorServerTest, WatchSeesAKindlessStatus) {
  server_.AddFault(
      {.method = "GET",
       .watch_only = true,
       .status = 410,
       .body = R"({"status":"Failure","reason":"Expired","message":"too old","code":410})"});
  kube::ResourceClient cms(client_, kube_test::kConfigMaps, "default");
  auto watch = cms.Watch(Context::Background(), {});
  ASSERT_FALSE(watch);
  EXPECT_EQ(watch.error().reason, "Expired") << watch.error().ToString();
  EXPECT_TRUE(IsGone(watch.error()));
  EXPECT_EQ(watch.error().message, "too old");
}

// A name that is not UTF-8 reaches the server's NotFound message as it is: still a 404 Status.
TEST_F(StatusErrorServerTest, NotFoundForANameThatIsNotUtf8) {
  auto got = ConfigMaps().Get(Context::Background(), std::string("caf\xe9"), {});
  ASSERT_FALSE(got);
  EXPECT_TRUE(IsNotFound(got.error())) << got.error().ToString();
}

TEST_F(StatusErrorServerTest, NonStatusBodiesGiveAnErrorFromTheHttpCode) {
  server_.AddFault({.method = "POST",
                    .status = 409,
                    .body = "<html><body>upstream conflict</body></html>",
                    .content_type = "text/html"});
  auto created = ConfigMaps().Create(Context::Background(), kube_test::MakeConfigMap("y"), {});
  ASSERT_FALSE(created);
  EXPECT_TRUE(IsConflict(created.error())) << created.error().ToString();
  EXPECT_FALSE(IsAlreadyExists(created.error()));
  EXPECT_NE(created.error().message.find("upstream conflict"), std::string::npos);

  server_.AddFault({.method = "POST",
                    .status = 409,
                    .body = R"({"status":"Failure","reason":"AlreadyExists","code":"409"})"});
  created = ConfigMaps().Create(Context::Background(), kube_test::MakeConfigMap("y"), {});
  ASSERT_FALSE(created);
  EXPECT_TRUE(IsConflict(created.error())) << created.error().ToString();
  EXPECT_FALSE(IsAlreadyExists(created.error()));

  server_.AddFault({.method = "POST", .status = 403, .body = "[1,2,3]"});
  created = ConfigMaps().Create(Context::Background(), kube_test::MakeConfigMap("y"), {});
  ASSERT_FALSE(created);
  EXPECT_TRUE(IsForbidden(created.error())) << created.error().ToString();
  EXPECT_EQ(created.error().code, 403);

  // The faults are used up: the real server answers again.
  EXPECT_TRUE(ConfigMaps().Create(Context::Background(), kube_test::MakeConfigMap("y"), {}));
}

}  // namespace
}  // namespace kube
