#include "model/field_labels.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace kube::gen::model {
namespace {

struct BuiltinLabels {
  std::vector<FieldLabel> labels;
  bool namespace_label = true;
  std::string error{};  // "{}" for the label, "{version}" for the request's version
};

// involvedObject.* in core/v1, regarding.* in events.k8s.io/v1: the same storage.
std::vector<FieldLabel> ObjectReferenceLabels(const std::string& prefix) {
  std::vector<FieldLabel> out;
  for (const char* f :
       {"kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath"}) {
    out.emplace_back(prefix + "." + f);
  }
  return out;
}

std::vector<FieldLabel> Concat(std::vector<FieldLabel> a, std::vector<FieldLabel> b) {
  a.insert(a.end(), std::make_move_iterator(b.begin()), std::make_move_iterator(b.end()));
  return a;
}

const std::map<std::pair<std::string, std::string>, BuiltinLabels>& Table() {
  // (group, kind) -> labels; the same in every served version of the group.
  static const auto* table = new std::map<std::pair<std::string, std::string>, BuiltinLabels>{
      {{"", "Pod"},
       {{"spec.nodeName",
         {"spec.host", {"spec.nodeName"}},  // the old name, converted by the server
         "spec.restartPolicy",
         "spec.schedulerName",
         "spec.serviceAccountName",
         {"spec.hostNetwork", {"spec.hostNetwork"}, "false"},  // strconv.FormatBool
         "status.phase",
         "status.podIP",
         {"status.podIPs", {}},  // accepted, but never in the pod's field set: always ""
         "status.nominatedNodeName"}}},
      {{"", "Node"}, {{{"spec.unschedulable", {"spec.unschedulable"}, "false"}}, false}},
      {{"", "ReplicationController"}, {{{"status.replicas", {"status.replicas"}, "0"}}}},
      {{"", "Event"},
       {Concat(ObjectReferenceLabels("involvedObject"),
               {"reason",
                "reportingComponent",
                {"source", {"source.component", "reportingComponent"}},
                "type"})}},
      {{"events.k8s.io", "Event"},
       {Concat(ObjectReferenceLabels("regarding"),
               {"reason",
                "reportingController",
                {"source", {"deprecatedSource.component", "reportingController"}},
                "type"})}},
      {{"", "Namespace"}, {{"status.phase"}, false}},
      {{"", "Secret"}, {{"type"}}},
      {{"", "Service"}, {{"spec.clusterIP", "spec.type"}}},
      {{"batch", "Job"},
       {{{"status.successful", {"status.succeeded"}, "0"}},
        true,
        "field label \"{}\" not supported for batchv1.Job"}},
      {{"certificates.k8s.io", "CertificateSigningRequest"}, {{"spec.signerName"}, false}},
      {{"certificates.k8s.io", "ClusterTrustBundle"}, {{"spec.signerName"}, false}},
      {{"certificates.k8s.io", "PodCertificateRequest"},
       {{"spec.signerName", "spec.podName", "spec.nodeName"}, false}},
      {{"resource.k8s.io", "ResourceSlice"},
       {{"spec.nodeName", "spec.driver"},
        false,
        "field label not supported for resource.k8s.io/{version}, Kind=ResourceSlice: {}"}},
  };
  return *table;
}

}  // namespace

void AddBuiltinFieldLabels(std::string_view group, std::string_view version, Kind& kind) {
  auto it = Table().find({std::string(group), kind.name});
  if (it == Table().end()) return;
  kind.field_labels = it->second.labels;
  kind.namespace_field_label = it->second.namespace_label;
  std::string error = it->second.error;
  if (auto at = error.find("{version}"); at != std::string::npos) {
    error.replace(at, 9, version);
  }
  kind.field_label_error = std::move(error);
}

}  // namespace kube::gen::model
