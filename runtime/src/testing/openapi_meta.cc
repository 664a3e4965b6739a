// OpenAPI definitions of the runtime's own types (kube::ObjectMeta, kube::Time, ...), which no
// schema describes: generated kinds and schemas refer to them by the names kube-apiserver uses.
#include "testing/openapi_meta.h"

namespace kube::testing {

const nlohmann::json& MetaDefinitions() {
  static const nlohmann::json defs = nlohmann::json::parse(R"json({
"io.k8s.apimachinery.pkg.apis.meta.v1.Time": {"type": "string", "format": "date-time",
  "description": "Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON, in RFC 3339 form."},
"io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime": {"type": "string", "format": "date-time",
  "description": "MicroTime is version of Time with microsecond level precision."},
"io.k8s.apimachinery.pkg.util.intstr.IntOrString": {"type": "string", "format": "int-or-string",
  "description": "IntOrString is a type that can hold an int32 or a string."},
"io.k8s.apimachinery.pkg.api.resource.Quantity": {"type": "string",
  "description": "Quantity is a fixed-point representation of a number, such as 100m, 1.5Gi or 2."},
"io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1": {"type": "object",
  "description": "FieldsV1 stores a set of fields in a data structure like a Trie, in JSON format."},
"io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry": {"type": "object",
  "description": "ManagedFieldsEntry is a workflow-id, a FieldSet and the group version of the resource that the fieldset applies to.",
  "properties": {
    "apiVersion": {"type": "string", "description": "APIVersion defines the version of this resource that this field set applies to."},
    "fieldsType": {"type": "string", "description": "FieldsType is the discriminator for the different fields format and version."},
    "fieldsV1": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1", "description": "FieldsV1 holds the first JSON version format as described in the \"FieldsV1\" type."},
    "manager": {"type": "string", "description": "Manager is an identifier of the workflow managing these fields."},
    "operation": {"type": "string", "description": "Operation is the type of operation which lead to this ManagedFieldsEntry being created."},
    "subresource": {"type": "string", "description": "Subresource is the name of the subresource used to update that object."},
    "time": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Time", "description": "Time is the timestamp of when the ManagedFields entry was added."}}},
"io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference": {"type": "object",
  "description": "OwnerReference contains enough information to let you identify an owning object.",
  "required": ["apiVersion", "kind", "name", "uid"],
  "properties": {
    "apiVersion": {"type": "string", "description": "API version of the referent."},
    "blockOwnerDeletion": {"type": "boolean", "description": "If true, AND if the owner has the \"foregroundDeletion\" finalizer, then the owner cannot be deleted from the key-value store until this reference is removed."},
    "controller": {"type": "boolean", "description": "If true, this reference points to the managing controller."},
    "kind": {"type": "string", "description": "Kind of the referent."},
    "name": {"type": "string", "description": "Name of the referent."},
    "uid": {"type": "string", "description": "UID of the referent."}},
  "x-kubernetes-map-type": "atomic"},
"io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": {"type": "object",
  "description": "ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.",
  "properties": {
    "annotations": {"type": "object", "additionalProperties": {"type": "string"}, "description": "Annotations is an unstructured key value map stored with a resource that may be set by external tools to store and retrieve arbitrary metadata."},
    "creationTimestamp": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Time", "description": "CreationTimestamp is a timestamp representing the server time when this object was created."},
    "deletionGracePeriodSeconds": {"type": "integer", "format": "int64", "description": "Number of seconds allowed for this object to gracefully terminate before it will be removed from the system."},
    "deletionTimestamp": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Time", "description": "DeletionTimestamp is RFC 3339 date and time at which this resource will be deleted."},
    "finalizers": {"type": "array", "items": {"type": "string"}, "description": "Must be empty before the object is deleted from the registry.", "x-kubernetes-list-type": "set", "x-kubernetes-patch-strategy": "merge"},
    "generateName": {"type": "string", "description": "GenerateName is an optional prefix, used by the server, to generate a unique name ONLY IF the Name field has not been provided."},
    "generation": {"type": "integer", "format": "int64", "description": "A sequence number representing a specific generation of the desired state."},
    "labels": {"type": "object", "additionalProperties": {"type": "string"}, "description": "Map of string keys and values that can be used to organize and categorize (scope and select) objects."},
    "managedFields": {"type": "array", "items": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry"}, "description": "ManagedFields maps workflow-id and version to the set of fields that are managed by that workflow.", "x-kubernetes-list-type": "atomic"},
    "name": {"type": "string", "description": "Name must be unique within a namespace."},
    "namespace": {"type": "string", "description": "Namespace defines the space within which each name must be unique."},
    "ownerReferences": {"type": "array", "items": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference"}, "description": "List of objects depended by this object.", "x-kubernetes-list-map-keys": ["uid"], "x-kubernetes-list-type": "map", "x-kubernetes-patch-merge-key": "uid", "x-kubernetes-patch-strategy": "merge"},
    "resourceVersion": {"type": "string", "description": "An opaque value that represents the internal version of this object."},
    "selfLink": {"type": "string", "description": "Deprecated: selfLink is a legacy read-only field that is no longer populated by the system."},
    "uid": {"type": "string", "description": "UID is the unique in time and space value for this object."}}},
"io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta": {"type": "object",
  "description": "ListMeta describes metadata that synthetic resources must have, including lists and various status objects.",
  "properties": {
    "continue": {"type": "string", "description": "continue may be set if the user set a limit on the number of items returned."},
    "remainingItemCount": {"type": "integer", "format": "int64", "description": "remainingItemCount is the number of subsequent items in the list which are not included in this list response."},
    "resourceVersion": {"type": "string", "description": "String that identifies the server's internal version of this object."},
    "selfLink": {"type": "string", "description": "Deprecated: selfLink is a legacy read-only field."}}},
"io.k8s.apimachinery.pkg.apis.meta.v1.Condition": {"type": "object",
  "description": "Condition contains details for one aspect of the current state of this API Resource.",
  "required": ["type", "status", "lastTransitionTime", "reason", "message"],
  "properties": {
    "lastTransitionTime": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Time", "description": "lastTransitionTime is the last time the condition transitioned from one status to another."},
    "message": {"type": "string", "description": "message is a human readable message indicating details about the transition."},
    "observedGeneration": {"type": "integer", "format": "int64", "description": "observedGeneration represents the .metadata.generation that the condition was set based upon."},
    "reason": {"type": "string", "description": "reason contains a programmatic identifier indicating the reason for the condition's last transition."},
    "status": {"type": "string", "description": "status of the condition, one of True, False, Unknown."},
    "type": {"type": "string", "description": "type of condition in CamelCase or in foo.example.com/CamelCase."}}},
"io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement": {"type": "object",
  "description": "A label selector requirement is a selector that contains values, a key, and an operator that relates the key and values.",
  "required": ["key", "operator"],
  "properties": {
    "key": {"type": "string", "description": "key is the label key that the selector applies to."},
    "operator": {"type": "string", "description": "operator represents a key's relationship to a set of values. Valid operators are In, NotIn, Exists and DoesNotExist."},
    "values": {"type": "array", "items": {"type": "string"}, "description": "values is an array of string values.", "x-kubernetes-list-type": "atomic"}}},
"io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector": {"type": "object",
  "description": "A label selector is a label query over a set of resources.",
  "properties": {
    "matchExpressions": {"type": "array", "items": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement"}, "description": "matchExpressions is a list of label selector requirements. The requirements are ANDed.", "x-kubernetes-list-type": "atomic"},
    "matchLabels": {"type": "object", "additionalProperties": {"type": "string"}, "description": "matchLabels is a map of {key,value} pairs."}},
  "x-kubernetes-map-type": "atomic"},
"io.k8s.api.core.v1.ObjectReference": {"type": "object",
  "description": "ObjectReference contains enough information to let you inspect or modify the referred object.",
  "properties": {
    "apiVersion": {"type": "string", "description": "API version of the referent."},
    "fieldPath": {"type": "string", "description": "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement."},
    "kind": {"type": "string", "description": "Kind of the referent."},
    "name": {"type": "string", "description": "Name of the referent."},
    "namespace": {"type": "string", "description": "Namespace of the referent."},
    "resourceVersion": {"type": "string", "description": "Specific resourceVersion to which this reference is made, if any."},
    "uid": {"type": "string", "description": "UID of the referent."}},
  "x-kubernetes-map-type": "atomic"}
})json");
  return defs;
}

}  // namespace kube::testing
