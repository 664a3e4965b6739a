#include "kube/scheme.h"

#include <algorithm>
#include <cctype>
#include <utility>

namespace kube {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool IsVowel(char c) {
  c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

}  // namespace

bool KindInfo::HasSubresource(std::string_view s) const {
  return std::find(subresources.begin(), subresources.end(), s) != subresources.end();
}

bool KindInfo::HasVerb(std::string_view v) const {
  return verbs.empty() || std::find(verbs.begin(), verbs.end(), v) != verbs.end();
}

FieldLabel::FieldLabel(std::string label) : label(label), paths{std::move(label)} {}

FieldLabel::FieldLabel(const char* label) : FieldLabel(std::string(label)) {}

FieldLabel::FieldLabel(std::string label, std::vector<std::string> paths, std::string absent)
    : label(std::move(label)), paths(std::move(paths)), absent(std::move(absent)) {}

bool KindInfo::SupportsFieldLabel(std::string_view label) const {
  return label == "metadata.name" || (label == "metadata.namespace" && namespace_field_label) ||
         FindFieldLabel(label) != nullptr;
}

const FieldLabel* FindFieldLabel(const std::vector<FieldLabel>& labels, std::string_view label) {
  auto it = std::find_if(labels.begin(), labels.end(),
                         [&](const FieldLabel& f) { return f.label == label; });
  return it == labels.end() ? nullptr : &*it;
}

const FieldLabel* KindInfo::FindFieldLabel(std::string_view label) const {
  return kube::FindFieldLabel(field_labels, label);
}

std::string KindInfo::FieldLabelError(std::string_view label) const {
  if (field_label_error.empty()) {
    if (!field_labels.empty()) return "field label not supported: " + std::string(label);
    return "\"" + std::string(label) +
           "\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"";
  }
  std::string out = field_label_error;
  if (auto at = out.find("{}"); at != std::string::npos) out.replace(at, 2, label);
  return out;
}

Scheme& Scheme::Add(KindInfo info) {
  if (info.plural.empty()) info.plural = PluralResourceName(info.gvk.kind);
  if (info.singular.empty()) info.singular = Lower(info.gvk.kind);
  if (auto old = kinds_.find(info.gvk); old != kinds_.end()) {
    by_resource_.erase(old->second.Resource());
  }
  by_resource_[info.Resource()] = info.gvk;
  kinds_[info.gvk] = std::move(info);
  return *this;
}

Scheme& Scheme::AddOpenAPIDefinitions(std::string definitions_json) {
  openapi_definitions_.push_back(std::move(definitions_json));
  return *this;
}

const KindInfo* Scheme::ByKind(const GroupVersionKind& gvk) const {
  auto it = kinds_.find(gvk);
  return it == kinds_.end() ? nullptr : &it->second;
}

const KindInfo* Scheme::ByResource(const GroupVersionResource& gvr) const {
  auto it = by_resource_.find(gvr);
  return it == by_resource_.end() ? nullptr : ByKind(it->second);
}

std::vector<const KindInfo*> Scheme::Kinds() const {
  std::vector<const KindInfo*> out;
  for (const auto& [gvk, info] : kinds_) out.push_back(&info);
  return out;
}

std::vector<GroupVersion> Scheme::GroupVersions() const {
  std::vector<GroupVersion> out;
  for (const auto& [gvk, info] : kinds_) {
    if (out.empty() || out.back() != gvk.ToGroupVersion()) out.push_back(gvk.ToGroupVersion());
  }
  return out;
}

std::string PluralKindName(std::string_view kind,
                           const std::map<std::string, std::string, std::less<>>& exceptions) {
  if (auto it = exceptions.find(kind); it != exceptions.end()) return it->second;
  // Kinds whose plural is irregular or identical in the Kubernetes API.
  static const std::map<std::string, std::string, std::less<>> kIrregular = {
      {"Endpoints", "Endpoints"}, {"Chassis", "Chassis"}, {"Person", "People"},
      {"Child", "Children"},      {"Index", "Indexes"},   {"Status", "Statuses"}};
  if (auto it = kIrregular.find(kind); it != kIrregular.end()) return it->second;
  std::string k(kind);
  std::string lower = Lower(kind);
  if (lower.empty()) return k;
  if (EndsWith(lower, "s") || EndsWith(lower, "x") || EndsWith(lower, "z") ||
      EndsWith(lower, "ch") || EndsWith(lower, "sh")) {
    return k + "es";
  }
  if (EndsWith(lower, "y") && lower.size() > 1 && !IsVowel(lower[lower.size() - 2])) {
    return k.substr(0, k.size() - 1) + "ies";
  }
  return k + "s";
}

std::string PluralResourceName(std::string_view kind,
                               const std::map<std::string, std::string, std::less<>>& exceptions) {
  return Lower(PluralKindName(kind, exceptions));
}

}  // namespace kube
