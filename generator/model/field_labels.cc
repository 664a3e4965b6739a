#include "model/field_labels.h"

#include <map>
#include <utility>

namespace kube::gen::model {

std::vector<std::string> BuiltinFieldLabels(std::string_view group, std::string_view kind) {
  // (group, kind) -> labels; the same in every version of the group.
  static const auto* table =
      new std::map<std::pair<std::string, std::string>, std::vector<std::string>>{
          {{"", "Pod"},
           {"spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
            "spec.hostNetwork", "status.phase", "status.podIP", "status.podIPs",
            "status.nominatedNodeName"}},
          {{"", "Node"}, {"spec.unschedulable"}},
          {{"", "ReplicationController"}, {"status.replicas"}},
          {{"", "Event"},
           {"involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
            "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
            "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"}},
          {{"", "Namespace"}, {"status.phase"}},
          {{"", "Secret"}, {"type"}},
          {{"", "Service"}, {"spec.clusterIP", "spec.type"}},
          {{"apps", "ReplicaSet"}, {"status.replicas"}},
          {{"batch", "Job"}, {"status.successful"}},
          {{"certificates.k8s.io", "CertificateSigningRequest"}, {"spec.signerName"}},
          {{"resource.k8s.io", "ResourceSlice"}, {"spec.nodeName", "spec.driver"}},
      };
  auto it = table->find({std::string(group), std::string(kind)});
  return it == table->end() ? std::vector<std::string>{} : it->second;
}

}  // namespace kube::gen::model
