#include "kube/error.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace kube {
namespace {

TEST(ErrorTest, DecodesAnApiServerStatus) {
  // Verbatim shape of a kube-apiserver 404.
  const char* body = R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
    "message":"flunders.wardle.example.com \"alpha\" not found","reason":"NotFound",
    "details":{"name":"alpha","group":"wardle.example.com","kind":"flunders"},"code":404})";
  Error e = Error::FromResponse(404, body);
  EXPECT_EQ(e.code, 404);
  EXPECT_EQ(e.reason, "NotFound");
  EXPECT_EQ(e.message, "flunders.wardle.example.com \"alpha\" not found");
  EXPECT_EQ(e.details.name, "alpha");
  EXPECT_EQ(e.details.group, "wardle.example.com");
  EXPECT_TRUE(IsNotFound(e));
  EXPECT_FALSE(IsConflict(e));
}

TEST(ErrorTest, DecodesInvalidCausesAndRetryAfter) {
  const char* body = R"({"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Invalid",
    "message":"bad","code":422,"details":{"causes":[{"reason":"FieldValueInvalid",
    "message":"must be positive","field":"spec.replicas"}],"retryAfterSeconds":3}})";
  Error e = Error::FromResponse(422, body);
  EXPECT_TRUE(IsInvalid(e));
  ASSERT_EQ(e.details.causes.size(), 1u);
  EXPECT_EQ(e.details.causes[0].field, "spec.replicas");
  EXPECT_EQ(SuggestsClientDelay(e), std::chrono::seconds(3));
}

TEST(ErrorTest, NonStatusBodyFallsBackToTheHttpCode) {
  Error e = Error::FromResponse(503, "<html>upstream down</html>");
  EXPECT_EQ(e.code, 503);
  EXPECT_TRUE(IsServiceUnavailable(e));
  EXPECT_NE(e.message.find("upstream down"), std::string::npos);
  Error empty = Error::FromResponse(409, "");
  EXPECT_TRUE(IsConflict(empty));
  EXPECT_FALSE(IsAlreadyExists(empty));
  EXPECT_NE(empty.message.find("409"), std::string::npos);
}

TEST(ErrorTest, ExpiredAndGoneAreBothGone) {
  EXPECT_TRUE(IsGone(Error::Gone("x")));
  EXPECT_TRUE(IsGone(Error::Expired("too old resource version")));
  EXPECT_TRUE(IsResourceExpired(Error::Expired("x")));
  EXPECT_EQ(Error::Expired("x").code, 410);
}

TEST(ErrorTest, ConstructorsCarryCodesAndReasons) {
  EXPECT_EQ(Error::Forbidden("no").code, 403);
  EXPECT_TRUE(IsForbidden(Error::Forbidden("no")));
  EXPECT_EQ(Error::AlreadyExists("configmaps", "a").code, 409);
  EXPECT_TRUE(IsAlreadyExists(Error::AlreadyExists("configmaps", "a")));
  EXPECT_TRUE(IsConflict(Error::Conflict("configmaps", "a", "stale")));
  EXPECT_TRUE(IsTooManyRequests(Error::TooManyRequests("slow down", 2)));
  EXPECT_TRUE(IsUnauthorized(Error::Unauthorized("who")));
  EXPECT_TRUE(IsBadRequest(Error::BadRequest("bad")));
  EXPECT_TRUE(IsMethodNotAllowed(Error::MethodNotAllowed("no")));
  EXPECT_TRUE(IsInternalError(Error::InternalError("boom")));
  EXPECT_TRUE(IsTimeout(Error::ServerTimeout("slow")));
  EXPECT_TRUE(IsCanceled(Error::Canceled()));
  EXPECT_EQ(Error::Canceled().code, 0);
  EXPECT_TRUE(IsDeadlineExceeded(Error::DeadlineExceeded()));
  EXPECT_TRUE(IsTransport(Error::Transport("refused")));
  EXPECT_TRUE(IsDecode(Error::Decode("bad json")));
  EXPECT_FALSE(IsNotFound(Error::Canceled()));
}

TEST(ErrorTest, StatusJsonRoundTrips) {
  Error e = Error::Invalid("Flunder", "alpha", {{"FieldValueRequired", "required", "spec.x"}});
  Error back = Error::FromResponse(e.code, e.ToStatusJSON());
  EXPECT_EQ(back.code, 422);
  EXPECT_EQ(back.reason, "Invalid");
  EXPECT_EQ(back.message, e.message);
  EXPECT_EQ(back.details.kind, "Flunder");
  ASSERT_EQ(back.details.causes.size(), 1u);
  EXPECT_EQ(back.details.causes[0].message, "required");
  auto j = nlohmann::json::parse(e.ToStatusJSON());
  EXPECT_EQ(j["kind"], "Status");
  EXPECT_EQ(j["status"], "Failure");
}

TEST(ErrorTest, ToStringNamesReasonCodeAndMessage) {
  EXPECT_EQ(Error::NotFound("configmaps", "a").ToString(),
            "NotFound (404): configmaps \"a\" not found");
  EXPECT_EQ(Error::Canceled().ToString(), "Canceled: context canceled");
}

}  // namespace
}  // namespace kube
