#include "kube/testing/strategic_merge_patch.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>

namespace kube::testing {
namespace {

using nlohmann::json;

constexpr std::string_view kPatch = "$patch";
constexpr std::string_view kRetainKeys = "$retainKeys";
constexpr std::string_view kSetElementOrder = "$setElementOrder/";
constexpr std::string_view kDeleteFromPrimitiveList = "$deleteFromPrimitiveList/";

// ObjectMeta is a runtime type, so no schema registers its members' rules; these are the
// API's (patchStrategy tags of k8s.io/apimachinery ObjectMeta).
const std::map<std::string, FieldMerge>& MetadataRules() {
  static const std::map<std::string, FieldMerge> rules = {
      {"metadata.finalizers", {"merge", "", "set", {}}},
      {"metadata.ownerReferences", {"merge", "uid", "map", {"uid"}}},
  };
  return rules;
}

std::string Child(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

bool MergesByKey(const FieldMerge* rule) {
  return rule && rule->patch_strategy.find("merge") != std::string::npos;
}

bool ReplacesMap(const FieldMerge* rule) { return rule && rule->patch_strategy == "replace"; }

Error BadPatch(std::string_view what) { return Error::BadRequest(what); }

// How list elements are told apart: maps by their merge key's value, scalars by themselves.
json Identity(const json& item, const std::string& merge_key) {
  if (!merge_key.empty() && item.is_object()) return item.value(merge_key, json());
  return item;
}

std::optional<size_t> IndexOf(const json& order, const json& item, const std::string& merge_key) {
  json id = Identity(item, merge_key);
  for (size_t i = 0; i < order.size(); ++i) {
    if (Identity(order[i], merge_key) == id) return i;
  }
  return std::nullopt;
}

// Sorts `items` by where they appear in `order` (stable; items it lacks keep their place at
// the end).
void SortBy(std::vector<json>& items, const json& order, const std::string& merge_key) {
  std::stable_sort(items.begin(), items.end(), [&](const json& a, const json& b) {
    auto ia = IndexOf(order, a, merge_key), ib = IndexOf(order, b, merge_key);
    if (ia && ib) return *ia < *ib;
    return ia.has_value() && !ib.has_value();
  });
}

// The final order of a merged list, as apimachinery's normalizeElementOrder gives it: the items
// the patch names in the patch's order, those only the server had in the server's order, the
// two interleaved so that each server-only item keeps its place relative to the others.
json NormalizeOrder(const json& merged, const json& patch_order, const json& server_order,
                    const std::string& merge_key) {
  std::vector<json> from_patch, server_only;
  for (const auto& item : merged) {
    (IndexOf(patch_order, item, merge_key) ? from_patch : server_only).push_back(item);
  }
  SortBy(from_patch, patch_order, merge_key);
  SortBy(server_only, server_order, merge_key);
  json out = json::array();
  size_t i = 0, j = 0;
  while (i < server_only.size() || j < from_patch.size()) {
    if (j >= from_patch.size()) {
      out.push_back(server_only[i++]);
    } else if (i >= server_only.size()) {
      out.push_back(from_patch[j++]);
    } else {
      auto li = IndexOf(server_order, server_only[i], merge_key);
      auto ri = IndexOf(server_order, from_patch[j], merge_key);
      if (li && ri && *li < *ri) {
        out.push_back(server_only[i++]);
      } else {
        out.push_back(from_patch[j++]);
      }
    }
  }
  return out;
}

class Merger {
 public:
  explicit Merger(const std::map<std::string, FieldMerge>& fields) : fields_(fields) {}

  // The merged object; nullopt when a `$patch: delete` removes it.
  Result<std::optional<json>> MergeMap(const json* original, const json& patch,
                                       const std::string& path) {
    if (auto d = patch.find(kPatch); d != patch.end()) {
      if (*d == "replace") {
        json rest = patch;
        rest.erase(std::string(kPatch));
        return Clean(rest, path);
      }
      if (*d == "delete") {
        if (!original) return std::optional<json>();
        return std::optional<json>(json::object());  // as apimachinery: an emptied map
      }
      return Fail(
          BadPatch(fmt::format("Unknown patch type: {} in map: {}", d->dump(), patch.dump())));
    }
    json out = original && original->is_object() ? *original : json::object();
    if (auto r = patch.find(kRetainKeys); r != patch.end()) {
      if (auto ok = RetainKeys(out, *r, patch); !ok) return Fail(ok.error());
    }
    for (auto it = patch.begin(); it != patch.end(); ++it) {
      const std::string& key = it.key();
      if (key == kRetainKeys || key.starts_with(kSetElementOrder)) continue;
      if (key.starts_with(kDeleteFromPrimitiveList)) {
        std::string field = key.substr(kDeleteFromPrimitiveList.size());
        if (!it->is_array()) {
          return Fail(BadPatch(fmt::format("{} must be a list", key)));
        }
        if (auto f = out.find(field); f != out.end() && f->is_array()) {
          json kept = json::array();
          for (const auto& v : *f) {
            if (std::find(it->begin(), it->end(), v) == it->end()) kept.push_back(v);
          }
          *f = std::move(kept);
        }
        continue;
      }
      if (key.starts_with("$")) {
        return Fail(BadPatch(fmt::format("unknown directive \"{}\" in a patch", key)));
      }
      if (it->is_null()) {
        out.erase(key);
        continue;
      }
      auto cur = out.find(key);
      const json* orig = cur != out.end() ? &*cur : nullptr;
      auto merged = MergeValue(orig, *it, Child(path, key));
      if (!merged) return Fail(merged.error());
      if (*merged) {
        out[key] = std::move(**merged);
      } else {
        out.erase(key);
      }
    }
    for (auto it = patch.begin(); it != patch.end(); ++it) {
      if (!it.key().starts_with(kSetElementOrder)) continue;
      if (auto ok = SetElementOrder(out, original, it.key(), *it, path); !ok) {
        return Fail(ok.error());
      }
    }
    return std::optional<json>(std::move(out));
  }

 private:
  // A patch value merged into what the object holds there (nullptr: nothing).
  Result<std::optional<json>> MergeValue(const json* original, const json& patch,
                                         const std::string& path) {
    const FieldMerge* rule = FindFieldMerge(fields_, path);
    if (patch.is_object()) {
      if (ReplacesMap(rule)) return Clean(patch, path);
      // A member of another type is replaced by the patch's.
      return MergeMap(original && original->is_object() ? original : nullptr, patch, path);
    }
    if (patch.is_array()) {
      if (!MergesByKey(rule)) return CleanList(patch, path);
      static const json kEmpty = json::array();
      const json& orig = original && original->is_array() ? *original : kEmpty;
      auto merged = MergeList(orig, patch, rule->patch_merge_key, path);
      if (!merged) return Fail(merged.error());
      return std::optional<json>(std::move(*merged));
    }
    return std::optional<json>(patch);
  }

  Result<json> MergeList(const json& original, const json& patch, const std::string& merge_key,
                         const std::string& path) {
    bool of_maps =
        std::any_of(original.begin(), original.end(),
                    [](const json& v) { return v.is_object(); }) ||
        std::any_of(patch.begin(), patch.end(), [](const json& v) { return v.is_object(); });
    if (!of_maps) {
      // A set, duplicates dropped (apimachinery's deduplicateScalars).
      json merged = json::array();
      for (const auto& v : original) {
        if (std::find(merged.begin(), merged.end(), v) == merged.end()) merged.push_back(v);
      }
      for (const auto& v : patch) {
        if (std::find(merged.begin(), merged.end(), v) == merged.end()) merged.push_back(v);
      }
      return NormalizeOrder(merged, patch, original, "");
    }
    if (merge_key.empty()) {
      return Fail(BadPatch(fmt::format("cannot merge lists without merge key for {}", path)));
    }
    json merged = original;
    json items = json::array();  // the patch without its directives, in its order
    bool replace = false;
    for (const auto& p : patch) {
      if (!p.is_object()) {
        return Fail(BadPatch(fmt::format("{}: every element must be an object", path)));
      }
      auto d = p.find(kPatch);
      if (d == p.end()) {
        if (!p.contains(merge_key)) {
          return Fail(BadPatch(
              fmt::format("map: {} does not contain declared merge key: {}", p.dump(), merge_key)));
        }
        items.push_back(p);
      } else if (*d == "delete") {
        if (!p.contains(merge_key)) {
          return Fail(BadPatch(
              fmt::format("map: {} does not contain declared merge key: {}", p.dump(), merge_key)));
        }
        json gone = p.at(merge_key);
        json kept = json::array();
        for (auto& v : merged) {
          if (Identity(v, merge_key) != gone) kept.push_back(std::move(v));
        }
        merged = std::move(kept);
      } else if (*d == "replace") {
        replace = true;
      } else if (*d == "merge") {
        return Fail(BadPatch("merging lists cannot yet be specified in the patch"));
      } else {
        return Fail(
            BadPatch(fmt::format("Unknown patch type: {} in map: {}", d->dump(), p.dump())));
      }
    }
    if (replace) {
      auto replaced = CleanList(items, path);
      if (!replaced) return Fail(replaced.error());
      return std::move(**replaced);
    }
    for (const auto& p : items) {
      json id = p.at(merge_key);
      auto hit = std::find_if(merged.begin(), merged.end(),
                              [&](const json& v) { return Identity(v, merge_key) == id; });
      auto m = MergeMap(hit != merged.end() ? &*hit : nullptr, p, path);
      if (!m) return Fail(m.error());
      if (!*m) continue;
      if (hit != merged.end()) {
        *hit = std::move(**m);
      } else {
        merged.push_back(std::move(**m));
      }
    }
    return NormalizeOrder(merged, items, original, merge_key);
  }

  // `$setElementOrder/<field>`: the order the patch wants for that list, every element named
  // (by merge key for lists of maps); elements only the server has keep their relative place.
  Result<void> SetElementOrder(json& out, const json* original, const std::string& directive,
                               const json& order, const std::string& path) {
    std::string field = directive.substr(kSetElementOrder.size());
    if (!order.is_array()) return Fail(BadPatch(fmt::format("{} must be a list", directive)));
    auto f = out.find(field);
    if (f == out.end() || !f->is_array()) return {};
    const FieldMerge* rule = FindFieldMerge(fields_, Child(path, field));
    std::string merge_key =
        rule && !f->empty() && f->front().is_object() ? rule->patch_merge_key : std::string();
    static const json kEmpty = json::array();
    const json* before = &kEmpty;
    if (original && original->is_object()) {
      if (auto o = original->find(field); o != original->end() && o->is_array()) before = &*o;
    }
    *f = NormalizeOrder(*f, order, *before, merge_key);
    return {};
  }

  // `$retainKeys`: members of the object not listed are cleared; the patch may set only
  // listed ones.
  Result<void> RetainKeys(json& out, const json& keys, const json& patch) {
    if (!keys.is_array()) return Fail(BadPatch(fmt::format("invalid patch: {}", keys.dump())));
    std::set<std::string> keep;
    for (const auto& k : keys) {
      if (k.is_string()) keep.insert(k.get<std::string>());
    }
    for (auto it = patch.begin(); it != patch.end(); ++it) {
      const std::string& k = it.key();
      if (it->is_null() || k.starts_with("$")) continue;
      if (!keep.count(k)) {
        return Fail(
            BadPatch("doesn't satisfy strategic merge patch format: all the keys in the patch "
                     "must be present in the $retainKeys list"));
      }
    }
    for (auto it = out.begin(); it != out.end();) {
      it = keep.count(it.key()) ? std::next(it) : out.erase(it);
    }
    return {};
  }

  // A value set where the object had none: merged into nothing, so that its directives act
  // (and vanish) instead of being stored.
  Result<std::optional<json>> Clean(const json& v, const std::string& path) {
    if (v.is_object()) return MergeMap(nullptr, v, path);
    if (v.is_array()) return CleanList(v, path);
    return std::optional<json>(v);
  }

  Result<std::optional<json>> CleanList(const json& list, const std::string& path) {
    json out = json::array();
    for (const auto& item : list) {
      if (item.is_object() && item.contains(kPatch)) continue;  // a directive about elements
      auto c = Clean(item, path);
      if (!c) return Fail(c.error());
      if (*c) out.push_back(std::move(**c));
    }
    return std::optional<json>(std::move(out));
  }

  const std::map<std::string, FieldMerge>& fields_;
};

}  // namespace

const FieldMerge* FindFieldMerge(const std::map<std::string, FieldMerge>& fields,
                                 const std::string& path) {
  if (auto it = fields.find(path); it != fields.end()) return &it->second;
  const auto& meta = MetadataRules();
  if (auto it = meta.find(path); it != meta.end()) return &it->second;
  return nullptr;
}

Result<json> StrategicMergePatch(const json& original, const json& patch,
                                 const std::map<std::string, FieldMerge>& fields) {
  if (!patch.is_object()) {
    return Fail(BadPatch("a strategic merge patch must be a JSON object"));
  }
  auto merged = Merger(fields).MergeMap(&original, patch, "");
  if (!merged) return Fail(merged.error());
  return merged->value_or(json::object());
}

}  // namespace kube::testing
