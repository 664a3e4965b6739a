// kube::Scheme: the registry of kinds a client or server knows: for each kind its GVK, plural
// resource name, scope, subresources and verbs. Generated code fills it
// (`acme::AddToScheme(scheme)`); the test API server and the fake clientset serve what it holds.
//
//   kube::Scheme scheme;
//   scheme.Add({.gvk = {"wardle.example.com", "v1beta1", "Flunder"}, .plural = "flunders",
//               .namespaced = true, .subresources = {"status"}});
//   const kube::KindInfo* info = scheme.ByResource({"wardle.example.com", "v1beta1", "flunders"});
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kube/error.h"
#include "kube/group_version.h"

namespace kube {

// How strategic merge patch and server-side apply merge a list or map member, from the schema's
// x-kubernetes-patch-strategy, -patch-merge-key, -list-type and -list-map-keys.
struct FieldMerge {
  std::string patch_strategy{};   // "merge", "replace", "retainKeys", "merge,retainKeys"
  std::string patch_merge_key{};  // "name"
  std::string list_type{};        // "atomic", "set", "map"
  std::vector<std::string> list_map_keys{};
  friend bool operator==(const FieldMerge&, const FieldMerge&) = default;
};

// A field label the API server accepts for a kind beyond metadata.name and metadata.namespace,
// and how it computes the label's value from the object, which is not always the member the
// label names: jobs' "status.successful" reads status.succeeded, events' "source" falls back to
// reportingComponent, pods' "spec.hostNetwork" is "false" when unset.
struct FieldLabel {
  // A label whose value is the member at its own path ("spec.nodeName"), "" when absent.
  FieldLabel(std::string label);  // NOLINT(google-explicit-constructor): lists of labels
  FieldLabel(const char* label);  // NOLINT(google-explicit-constructor)
  FieldLabel(std::string label, std::vector<std::string> paths, std::string absent = {});

  std::string label;
  // Dotted member paths read in turn; the first non-empty value is the label's. None: the
  // server accepts the label but never fills it (pods' "status.podIPs").
  std::vector<std::string> paths;
  // The value when no path has one: "" for strings, "false" or "0" where the server formats a
  // bool or an integer the object leaves out.
  std::string absent;

  friend bool operator==(const FieldLabel&, const FieldLabel&) = default;
};

// The rule of `label` among `labels`; nullptr when it has none.
const FieldLabel* FindFieldLabel(const std::vector<FieldLabel>& labels, std::string_view label);

struct KindInfo {
  GroupVersionKind gvk{};
  std::string plural{};    // "flunders"; derived from the kind when empty
  std::string singular{};  // "flunder"; derived when empty
  bool namespaced = true;
  std::vector<std::string> subresources{};  // "status", "scale"
  // Verbs the API serves, as discovery spells them; empty means all of them.
  std::vector<std::string> verbs{};
  std::vector<std::string> short_names{};
  // Merge rules of the kind's members by path from the object's root, list elements and map
  // values transparent: "spec.template.spec.containers", "spec.template.spec.containers.ports".
  std::map<std::string, FieldMerge> merge_fields{};
  // Field selectors the server accepts besides metadata.name and metadata.namespace, as the
  // kind's registry declares them: pods' "spec.nodeName", a CRD version's selectableFields.
  std::vector<FieldLabel> field_labels{};
  // Whether metadata.namespace is a field label too; nodes, namespaces, certificate signing
  // requests and resource slices (whose label conversion leaves it out) refuse it, as do
  // cluster-scoped custom resources.
  bool namespace_field_label = true;
  // The 400's message for any other label, "{}" standing for the label. Empty: the server's
  // usual one, "field label not supported: X" for a kind with labels of its own, else
  // "\"X\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"".
  std::string field_label_error{};

  std::string ListKind() const { return gvk.kind + "List"; }
  GroupVersionResource Resource() const { return {gvk.group, gvk.version, plural}; }
  bool HasSubresource(std::string_view s) const;
  bool HasVerb(std::string_view v) const;
  bool SupportsFieldLabel(std::string_view label) const;
  // The rule of a label in field_labels; nullptr for metadata.* and unsupported labels.
  const FieldLabel* FindFieldLabel(std::string_view label) const;
  // The message of the 400 refusing `label`.
  std::string FieldLabelError(std::string_view label) const;
};

class Scheme {
 public:
  // Registers a kind; re-registering the same GVK replaces it.
  Scheme& Add(KindInfo info);

  const KindInfo* ByKind(const GroupVersionKind& gvk) const;
  const KindInfo* ByResource(const GroupVersionResource& gvr) const;
  // Every registered kind, ordered by group, version, kind.
  std::vector<const KindInfo*> Kinds() const;
  std::vector<GroupVersion> GroupVersions() const;

  // OpenAPI v2 definitions describing the registered kinds: a JSON object of definition name
  // to schema, as /openapi/v2's "definitions" (a kind's carries x-kubernetes-group-version-kind).
  // Generated AddToScheme and kube-testserver add them; the test API server serves them at
  // /openapi/v2 and /openapi/v3. Kept as text so that registering kinds stays cheap.
  Scheme& AddOpenAPIDefinitions(std::string definitions_json);
  const std::vector<std::string>& OpenAPIDefinitions() const { return openapi_definitions_; }

 private:
  std::map<GroupVersionKind, KindInfo> kinds_{};
  std::map<GroupVersionResource, GroupVersionKind> by_resource_{};
  std::vector<std::string> openapi_definitions_{};
};

// The kind pluralised by the English rules, keeping its case ("NetworkPolicy" ->
// "NetworkPolicies"): the name of a clientset's resource accessor.
std::string PluralKindName(std::string_view kind,
                           const std::map<std::string, std::string, std::less<>>& exceptions = {});

// The English plural Kubernetes tools use for a kind, lower-cased ("NetworkPolicy" ->
// "networkpolicies", "Endpoints" -> "endpoints"); `exceptions` maps a kind to its plural.
std::string PluralResourceName(
    std::string_view kind, const std::map<std::string, std::string, std::less<>>& exceptions = {});

}  // namespace kube
