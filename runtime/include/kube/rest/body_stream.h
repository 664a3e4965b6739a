// A response body that arrives over time (a watch), read line by line as it comes. The
// transfer pauses when the reader falls several MiB behind, so a slow consumer holds back the
// server instead of growing memory without bound.
//
//   auto stream = client->Stream(ctx, req).value();
//   while (auto line = stream->ReadLine(ctx)) { if (!*line) break; handle(**line); }
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "kube/context.h"
#include "kube/error.h"

namespace kube::rest {
namespace internal {
struct Transfer;
class Loop;
}  // namespace internal

class BodyStream {
 public:
  BodyStream(std::shared_ptr<internal::Loop> loop, std::shared_ptr<internal::Transfer> transfer,
             Context::Registration registration);
  ~BodyStream();
  BodyStream(const BodyStream&) = delete;
  BodyStream& operator=(const BodyStream&) = delete;

  // The next line without its newline; nullopt at the end of the body, when the connection was
  // cut, after Close(), or once the opening context ended. An error only when `ctx` is done.
  Result<std::optional<std::string>> ReadLine(const Context& ctx);
  // Ends the transfer; safe from any thread, any number of times.
  void Close();

 private:
  std::shared_ptr<internal::Loop> loop_;
  std::shared_ptr<internal::Transfer> transfer_;
  Context::Registration registration_;  // cancels the transfer with the opening context
};

}  // namespace kube::rest
