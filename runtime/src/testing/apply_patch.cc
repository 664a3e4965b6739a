#include "kube/testing/apply_patch.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <regex>

#include "kube/testing/strategic_merge_patch.h"

namespace kube::testing {
namespace {

using nlohmann::json;

constexpr int kMaxDepth = 256;  // deeper documents are refused rather than recursed into

// A plain scalar typed as YAML's core schema types it; quoted scalars are strings.
json Scalar(const YAML::Node& node) {
  const std::string& s = node.Scalar();
  if (node.Tag() != "?") return s;  // quoted ("!") or explicitly tagged
  static const std::regex kNull("~|null|Null|NULL|");
  static const std::regex kTrue("true|True|TRUE");
  static const std::regex kFalse("false|False|FALSE");
  static const std::regex kInt("[-+]?[0-9]+");
  static const std::regex kFloat(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
  if (std::regex_match(s, kNull)) return nullptr;
  if (std::regex_match(s, kTrue)) return true;
  if (std::regex_match(s, kFalse)) return false;
  if (std::regex_match(s, kInt)) {
    int64_t v = 0;
    const char* b = s.data() + (s[0] == '+' ? 1 : 0);
    auto [p, ec] = std::from_chars(b, s.data() + s.size(), v);
    if (ec == std::errc() && p == s.data() + s.size()) return v;
    return s;  // too large for int64: keep the digits
  }
  if (std::regex_match(s, kFloat)) return std::stod(s);
  return s;
}

Result<json> ToJson(const YAML::Node& node, int depth) {
  if (depth > kMaxDepth) return Fail(Error::BadRequest("the apply patch is nested too deeply"));
  switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return json(nullptr);
    case YAML::NodeType::Scalar:
      return Scalar(node);
    case YAML::NodeType::Sequence: {
      json out = json::array();
      for (const auto& item : node) {
        auto v = ToJson(item, depth + 1);
        if (!v) return v;
        out.push_back(std::move(*v));
      }
      return out;
    }
    case YAML::NodeType::Map: {
      json out = json::object();
      for (const auto& kv : node) {
        if (!kv.first.IsScalar())
          return Fail(Error::BadRequest("apply patch keys must be strings"));
        auto v = ToJson(kv.second, depth + 1);
        if (!v) return v;
        out[kv.first.Scalar()] = std::move(*v);
      }
      return out;
    }
  }
  return json(nullptr);
}

// The keys that tell elements of a list apart under apply, or none when it is not a map list.
std::vector<std::string> MapKeys(const FieldMerge* rule) {
  if (!rule) return {};
  if (rule->list_type == "map") return rule->list_map_keys;
  if (rule->list_type.empty() && rule->patch_strategy.find("merge") != std::string::npos &&
      !rule->patch_merge_key.empty()) {
    return {rule->patch_merge_key};
  }
  return {};
}

bool IsSet(const FieldMerge* rule) {
  if (!rule) return false;
  if (rule->list_type == "set") return true;
  return rule->list_type.empty() && rule->patch_strategy.find("merge") != std::string::npos &&
         rule->patch_merge_key.empty();
}

class Applier {
 public:
  explicit Applier(const std::map<std::string, FieldMerge>& fields) : fields_(fields) {}

  json Merge(const json* live, const json& applied, const std::string& path) {
    if (applied.is_object()) {
      json out = live && live->is_object() ? *live : json::object();
      for (auto it = applied.begin(); it != applied.end(); ++it) {
        if (it->is_null()) {
          out.erase(it.key());
          continue;
        }
        auto cur = out.find(it.key());
        out[it.key()] = Merge(cur != out.end() ? &*cur : nullptr, *it, Child(path, it.key()));
      }
      return out;
    }
    if (applied.is_array()) {
      const FieldMerge* rule = FindFieldMerge(fields_, path);
      if (!live || !live->is_array()) return Merge(&kEmptyList, applied, path);
      if (IsSet(rule)) {
        json out = *live;
        for (const auto& v : applied) {
          if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
        }
        return out;
      }
      auto keys = MapKeys(rule);
      if (keys.empty()) return Strip(applied);
      json out = *live;
      for (const auto& item : applied) {
        auto hit = std::find_if(out.begin(), out.end(), [&](const json& v) {
          return std::all_of(keys.begin(), keys.end(), [&](const std::string& k) {
            return v.is_object() && item.is_object() && v.value(k, json()) == item.value(k, json());
          });
        });
        if (hit != out.end()) {
          *hit = Merge(&*hit, item, path);
        } else {
          out.push_back(Merge(nullptr, item, path));
        }
      }
      return out;
    }
    return applied;
  }

 private:
  static std::string Child(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }

  // Nulls in a replaced value mean "absent", as everywhere in an applied configuration.
  static json Strip(const json& v) {
    if (v.is_object()) {
      json out = json::object();
      for (auto it = v.begin(); it != v.end(); ++it) {
        if (!it->is_null()) out[it.key()] = Strip(*it);
      }
      return out;
    }
    if (v.is_array()) {
      json out = json::array();
      for (const auto& item : v) out.push_back(Strip(item));
      return out;
    }
    return v;
  }

  static inline const json kEmptyList = json::array();
  const std::map<std::string, FieldMerge>& fields_;
};

}  // namespace

Result<json> ParseApplyPatch(std::string_view body) {
  json parsed = json::parse(body, nullptr, false);
  if (parsed.is_discarded()) {
    YAML::Node node;
    try {
      node = YAML::Load(std::string(body));
    } catch (const YAML::Exception& e) {
      return Fail(Error::BadRequest(fmt::format("error decoding YAML: line {}, column {}: {}",
                                                e.mark.line + 1, e.mark.column + 1, e.msg)));
    }
    auto converted = ToJson(node, 0);
    if (!converted) return converted;
    parsed = std::move(*converted);
  }
  if (!parsed.is_object()) {
    return Fail(
        Error::BadRequest("an apply patch must be an object (YAML mapping or JSON object)"));
  }
  return parsed;
}

Result<json> MergeApplied(const json& live, const json& applied,
                          const std::map<std::string, FieldMerge>& fields) {
  if (!applied.is_object()) return Fail(Error::BadRequest("an apply patch must be an object"));
  return Applier(fields).Merge(&live, applied, "");
}

}  // namespace kube::testing
