#include "real_pods.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <unordered_set>

#include "k8s/api/core/v1/types.h"
#include "kube/codec.h"

namespace kube_bench {
namespace {

// tests/bench/data: $KUBE_BENCH_DATA_DIR, else the KUBE_BENCH_DATA_DIR compile definition, else
// found from this file's path.
std::filesystem::path BenchDataDir() {
  if (const char* dir = std::getenv("KUBE_BENCH_DATA_DIR")) return dir;
#ifdef KUBE_BENCH_DATA_DIR
  return KUBE_BENCH_DATA_DIR;
#else
  return std::filesystem::path(__FILE__).parent_path() / "data";
#endif
}

// PodLists as captured from a real API server (see tests/bench/data/README.md).
constexpr const char* kCapturedPodLists[] = {"k3s-kube-system-pods.json", "k3s-default-pods.json"};

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Drops the whitespace between tokens (the captures are indented; an API server sends none);
// strings, escapes included, are kept byte for byte.
std::string Minify(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      out += c;
      if (c == '\\') {
        out += text[++i];
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
      out += c;
    } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
      out += c;
    }
  }
  return out;
}

// The text of each element of the top-level "items" array of a minified List.
std::vector<std::string> ListItems(std::string_view list) {
  constexpr std::string_view kItems = R"("items":[)";
  std::vector<std::string> items;
  int depth = 0;
  bool in_items = false;
  size_t start = 0;
  for (size_t i = 0; i < list.size(); ++i) {
    switch (list[i]) {
      case '"':
        if (depth == 1 && list.substr(i).starts_with(kItems)) {
          in_items = true;
          depth = 2;
          i += kItems.size() - 1;
          break;
        }
        for (++i; list[i] != '"'; ++i) {
          if (list[i] == '\\') ++i;
        }
        break;
      case '{':
      case '[':
        if (depth++ == 2 && in_items) start = i;
        break;
      case '}':
      case ']':
        if (--depth == 2 && in_items) {
          items.emplace_back(list.substr(start, i + 1 - start));
        } else if (depth == 1) {
          in_items = false;
        }
        break;
    }
  }
  return items;
}

// Edits the value of the first `"key":"..."` in a Pod's text. A Pod as an API server writes it
// starts with its metadata, and name and uid come before ownerReferences there, so the first is
// metadata's own.
template <class Edit>
void EditFirstString(std::string& pod, std::string_view key, Edit edit) {
  const std::string needle = "\"" + std::string(key) + "\":\"";
  const size_t at = pod.find(needle);
  if (at == std::string::npos) throw std::runtime_error("no " + needle + " in a captured pod");
  const size_t begin = at + needle.size(), end = pod.find('"', begin);
  std::string value = pod.substr(begin, end - begin);
  edit(value);
  pod.replace(begin, end - begin, value);
}

}  // namespace

// Pod i is captured pod i % n with "-<i>" appended to metadata.name and the last 12 hex digits
// of metadata.uid replaced by i; every other byte is as captured.
std::vector<std::string> RealPods(int count) {
  std::vector<std::string> captured;
  for (const char* file : kCapturedPodLists) {
    for (std::string& pod : ListItems(Minify(ReadFile(BenchDataDir() / file)))) {
      captured.push_back(std::move(pod));
    }
  }
  if (captured.empty()) throw std::runtime_error("no captured pods");
  std::vector<std::string> pods;
  pods.reserve(count);
  for (int i = 0; i < count; ++i) {
    std::string pod = captured[i % captured.size()];
    EditFirstString(pod, "name", [&](std::string& name) { name += "-" + std::to_string(i); });
    EditFirstString(pod, "uid", [&](std::string& uid) {
      char suffix[16];
      std::snprintf(suffix, sizeof suffix, "%012x", static_cast<unsigned>(i));
      uid.replace(uid.size() - 12, 12, suffix);
    });
    pods.push_back(std::move(pod));
  }
  return pods;
}

// Checked here: the list decodes, each pod has its new name, uids are unique.
std::string RealPodListJson(int count) {
  std::vector<std::string> pods = RealPods(count);
  // The captured lists' own envelope (theirs is resourceVersion 1448).
  std::string list = R"({"kind":"PodList","apiVersion":"v1",)"
                     R"("metadata":{"resourceVersion":"1448"},"items":[)";
  for (size_t i = 0; i < pods.size(); ++i) {
    if (i) list += ',';
    list += pods[i];
  }
  list += "]}";
  kube::Result<k8s::api::core::v1::PodList> decoded =
      kube::Decode<k8s::api::core::v1::PodList>(list);
  if (!decoded || decoded->items.size() != pods.size()) {
    throw std::runtime_error("the real PodList does not decode");
  }
  std::unordered_set<std::string> uids;
  for (int i = 0; i < count; ++i) {
    const auto& meta = decoded->items[i].metadata;
    if (!meta.name.ends_with("-" + std::to_string(i)) || !uids.insert(meta.uid).second) {
      throw std::runtime_error("the real PodList has a wrong name or a repeated uid");
    }
  }
  return list;
}

}  // namespace kube_bench
