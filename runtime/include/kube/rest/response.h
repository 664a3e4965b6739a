// The raw result of one HTTP exchange.
#pragma once

#include <map>
#include <string>

namespace kube::rest {

struct Response {
  int code = 0;
  std::string body{};
  std::map<std::string, std::string> headers{};  // names lower-cased
};

}  // namespace kube::rest
