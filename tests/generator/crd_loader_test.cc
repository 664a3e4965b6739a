// CustomResourceDefinitions as users publish them (cert-manager, Argo CD, the Prometheus
// operator) load into the model, and hand-written ones cover what those do not: v1beta1, Lists,
// unserved versions, enums YAML 1.1 would mistype, and errors that name file:line:col.
#include "schema/crd_loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "model/scheme_kinds.h"
#include "schema/yaml_document.h"

namespace kube::gen {
namespace {

using model::Presence;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Kind = model::Type::Kind;

const std::string kCrdDir = std::string(KUBE_SHARED_DATA_DIR) + "/crds/";

const std::set<std::string> kAllVerbs = {
    "create", "update", "updateStatus", "delete", "deleteCollection",
    "get",    "list",   "watch",        "patch"};
const std::set<std::string> kVerbsWithoutStatus = {"create", "update", "delete", "deleteCollection",
                                                   "get",    "list",   "watch",  "patch"};

Result<std::vector<LocatedJson>> Documents(const std::string& text, const std::string& file) {
  if (!file.ends_with(".json")) return ParseYamlDocuments(text, file);
  auto doc = LocatedJson::Parse(text, file);
  if (!doc) return Fail(doc.error());
  std::vector<LocatedJson> docs;
  docs.push_back(std::move(*doc));
  return docs;
}

// Loads every document of `text` into `m`.
Result<void> LoadInto(const std::string& text, const std::string& file, model::Model& m) {
  auto docs = Documents(text, file);
  if (!docs) return Fail(docs.error());
  for (const auto& d : *docs) {
    if (auto ok = LoadCRD(d, {}, m); !ok) return ok;
  }
  return {};
}

Result<model::Model> LoadText(const std::string& text, const std::string& file = "crd.yaml") {
  model::Model m;
  if (auto ok = LoadInto(text, file, m); !ok) return Fail(ok.error());
  return m;
}

std::string ReadCrd(const std::string& name) {
  std::ifstream in(kCrdDir + name, std::ios::binary);
  EXPECT_TRUE(in) << kCrdDir + name;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

model::Model LoadFile(const std::string& name) {
  auto m = LoadText(ReadCrd(name), kCrdDir + name);
  EXPECT_TRUE(m.has_value()) << m.error().message;
  return m ? std::move(*m) : model::Model{};
}

std::string ErrorOf(const std::string& text) {
  auto m = LoadText(text);
  EXPECT_FALSE(m.has_value()) << text;
  return m ? std::string() : m.error().message;
}

// The struct a name stands for, through an alias (a repeated inline shape) as C++ sees it.
const model::Struct* FindStruct(const model::Version& v, const std::string& name) {
  for (const auto& s : v.structs) {
    if (s.name == name) return s.IsAlias() ? FindStruct(v, s.alias_of) : &s;
  }
  return nullptr;
}

// The field `json_name` of struct `struct_name`; fails the test when either is missing.
const model::Field& FieldOf(const model::Version& v, const std::string& struct_name,
                            const std::string& json_name) {
  static const model::Field kNone;
  const model::Struct* s = FindStruct(v, struct_name);
  EXPECT_NE(s, nullptr) << "no struct " << struct_name;
  if (!s) return kNone;
  for (const auto& f : s->fields) {
    if (f.json_name == json_name) return f;
  }
  ADD_FAILURE() << "no field " << struct_name << "." << json_name;
  return kNone;
}

std::vector<std::string> VersionNames(const model::Group& g) {
  std::vector<std::string> out;
  for (const auto& [name, v] : g.versions) out.push_back(name);
  return out;
}

TEST(CrdLoaderTest, CertManagerCertificate) {
  model::Model m = LoadFile("cert-manager.io_certificates.yaml");
  ASSERT_EQ(m.groups.count("cert-manager.io"), 1u);
  const model::Group& g = m.groups["cert-manager.io"];
  EXPECT_EQ(g.cpp_name, "certmanager");
  EXPECT_THAT(VersionNames(g), ElementsAre("v1"));
  const model::Version& v = g.versions.at("v1");
  EXPECT_EQ(v.source_files, std::set<std::string>{kCrdDir + "cert-manager.io_certificates.yaml"});
  ASSERT_EQ(v.kinds.size(), 1u);
  const model::Kind& k = v.kinds[0];
  EXPECT_EQ(k.name, "Certificate");
  EXPECT_EQ(k.plural, "certificates");
  EXPECT_EQ(k.singular, "certificate");
  EXPECT_EQ(k.accessor, "Certificates");
  EXPECT_THAT(k.short_names, ElementsAre("cert", "certs"));
  EXPECT_TRUE(k.namespaced);
  EXPECT_THAT(k.subresources, ElementsAre("status"));
  EXPECT_EQ(k.verbs, kAllVerbs);
  EXPECT_EQ(k.source_file, kCrdDir + "cert-manager.io_certificates.yaml");

  const model::Struct* cert = FindStruct(v, "Certificate");
  ASSERT_NE(cert, nullptr);
  EXPECT_EQ(cert->kind, "Certificate");
  ASSERT_GE(cert->fields.size(), 5u);
  EXPECT_EQ(cert->fields[0].json_name, "apiVersion");
  EXPECT_EQ(cert->fields[1].json_name, "kind");
  EXPECT_EQ(cert->fields[2].json_name, "metadata");
  EXPECT_EQ(cert->fields[2].type.kind, Kind::kObjectMeta);
  EXPECT_EQ(cert->fields[3].json_name, "spec");
  EXPECT_EQ(cert->fields[4].json_name, "status");

  const model::Field& secret = FieldOf(v, "CertificateSpec", "secretName");
  EXPECT_EQ(secret.type.kind, Kind::kString);
  EXPECT_TRUE(secret.required);
  EXPECT_EQ(secret.presence, Presence::kPlain);
  const model::Field& duration = FieldOf(v, "CertificateSpec", "duration");
  EXPECT_EQ(duration.type.kind, Kind::kString);
  EXPECT_EQ(duration.presence, Presence::kOptional);
  const model::Field& issuer = FieldOf(v, "CertificateSpec", "issuerRef");
  EXPECT_EQ(issuer.type.kind, Kind::kStruct);
  EXPECT_EQ(issuer.type.struct_name, "CertificateSpecIssuerRef");
  EXPECT_EQ(issuer.presence, Presence::kPlain);  // required
  const model::Field& key = FieldOf(v, "CertificateSpec", "privateKey");
  EXPECT_EQ(key.type.kind, Kind::kStruct);
  EXPECT_EQ(key.presence, Presence::kHeap);
  const model::Field& algorithm = FieldOf(v, "CertificateSpecPrivateKey", "algorithm");
  EXPECT_THAT(algorithm.enum_values, ElementsAre("RSA", "ECDSA", "Ed25519"));
  const model::Field& size = FieldOf(v, "CertificateSpecPrivateKey", "size");
  EXPECT_EQ(size.type.kind, Kind::kInt64);
  const model::Field& annotations = FieldOf(v, "CertificateSpecSecretTemplate", "annotations");
  ASSERT_EQ(annotations.type.kind, Kind::kMap);
  EXPECT_EQ(annotations.type.elem->kind, Kind::kString);
  EXPECT_EQ(annotations.presence, Presence::kPlain);
  const model::Field& not_after = FieldOf(v, "CertificateStatus", "notAfter");
  EXPECT_EQ(not_after.type.kind, Kind::kTime);
  const model::Field& dns = FieldOf(v, "CertificateSpec", "dnsNames");
  ASSERT_EQ(dns.type.kind, Kind::kArray);
  EXPECT_EQ(dns.type.elem->kind, Kind::kString);
}

TEST(CrdLoaderTest, ArgoApplication) {
  model::Model m = LoadFile("argoproj.io_applications.yaml");
  ASSERT_EQ(m.groups.count("argoproj.io"), 1u);
  const model::Group& g = m.groups["argoproj.io"];
  EXPECT_EQ(g.cpp_name, "argoproj");
  EXPECT_THAT(VersionNames(g), ElementsAre("v1alpha1"));
  const model::Version& v = g.versions.at("v1alpha1");
  ASSERT_EQ(v.kinds.size(), 1u);
  const model::Kind& k = v.kinds[0];
  EXPECT_EQ(k.name, "Application");
  EXPECT_EQ(k.plural, "applications");
  EXPECT_EQ(k.accessor, "Applications");
  EXPECT_THAT(k.short_names, ElementsAre("app", "apps"));
  EXPECT_TRUE(k.namespaced);
  EXPECT_TRUE(k.subresources.empty());  // `subresources: {}`
  EXPECT_EQ(k.verbs, kVerbsWithoutStatus);

  const model::Field& values = FieldOf(v, "ApplicationSpecSourceHelm", "valuesObject");
  EXPECT_EQ(values.type.kind, Kind::kRawJSON);  // x-kubernetes-preserve-unknown-fields
  EXPECT_EQ(values.presence, Presence::kPlain);
  const model::Field& count = FieldOf(v, "ApplicationSpecSourceKustomizeReplicasItem", "count");
  EXPECT_EQ(count.type.kind, Kind::kIntOrString);
  const model::Field& labels = FieldOf(v, "ApplicationSpecSourceKustomize", "commonLabels");
  ASSERT_EQ(labels.type.kind, Kind::kMap);
  EXPECT_EQ(labels.type.elem->kind, Kind::kString);
  const model::Field& operation = FieldOf(v, "Application", "operation");
  EXPECT_EQ(operation.presence, Presence::kHeap);
  EXPECT_EQ(FieldOf(v, "Application", "spec").presence, Presence::kPlain);
  EXPECT_EQ(FieldOf(v, "ApplicationSpec", "revisionHistoryLimit").type.kind, Kind::kInt64);
}

TEST(CrdLoaderTest, PrometheusHasStatusAndScale) {
  model::Model m = LoadFile("monitoring.coreos.com_prometheuses.yaml");
  ASSERT_EQ(m.groups.count("monitoring.coreos.com"), 1u);
  const model::Group& g = m.groups["monitoring.coreos.com"];
  EXPECT_EQ(g.cpp_name, "monitoring");
  EXPECT_THAT(VersionNames(g), ElementsAre("v1"));
  const model::Version& v = g.versions.at("v1");
  ASSERT_EQ(v.kinds.size(), 1u);
  const model::Kind& k = v.kinds[0];
  EXPECT_EQ(k.name, "Prometheus");
  EXPECT_EQ(k.plural, "prometheuses");
  EXPECT_EQ(k.singular, "prometheus");
  EXPECT_THAT(k.short_names, ElementsAre("prom"));
  EXPECT_THAT(k.subresources, ElementsAre("status", "scale"));
  EXPECT_EQ(k.verbs, kAllVerbs);
  const model::Field& replicas = FieldOf(v, "PrometheusSpec", "replicas");
  EXPECT_EQ(replicas.type.kind, Kind::kInt32);
  EXPECT_EQ(replicas.presence, Presence::kOptional);
}

TEST(CrdLoaderTest, ServiceMonitorInJsonForm) {
  model::Model m = LoadFile("monitoring.coreos.com_servicemonitors.json");
  const model::Version& v = m.groups["monitoring.coreos.com"].versions["v1"];
  ASSERT_EQ(v.kinds.size(), 1u);
  const model::Kind& k = v.kinds[0];
  EXPECT_EQ(k.name, "ServiceMonitor");
  EXPECT_EQ(k.plural, "servicemonitors");
  EXPECT_THAT(k.short_names, ElementsAre("smon"));
  EXPECT_THAT(k.subresources, ElementsAre("status"));
  EXPECT_EQ(k.verbs, kAllVerbs);
  const model::Field& endpoints = FieldOf(v, "ServiceMonitorSpec", "endpoints");
  EXPECT_TRUE(endpoints.required);
  ASSERT_EQ(endpoints.type.kind, Kind::kArray);
  EXPECT_EQ(endpoints.type.elem->kind, Kind::kStruct);
  const model::Field& role = FieldOf(v, "ServiceMonitorSpec", "serviceDiscoveryRole");
  EXPECT_THAT(role.enum_values, ElementsAre("Endpoints", "EndpointSlice"));
  EXPECT_EQ(role.presence, Presence::kOptional);
}

TEST(CrdLoaderTest, BothPrometheusOperatorCrdsShareTheGroup) {
  model::Model m;
  for (const char* name :
       {"monitoring.coreos.com_prometheuses.yaml", "monitoring.coreos.com_servicemonitors.json"}) {
    auto ok = LoadInto(ReadCrd(name), kCrdDir + name, m);
    ASSERT_TRUE(ok.has_value()) << ok.error().message;
  }
  const model::Version& v = m.groups["monitoring.coreos.com"].versions["v1"];
  ASSERT_EQ(v.kinds.size(), 2u);
  EXPECT_EQ(v.kinds[0].name, "Prometheus");
  EXPECT_EQ(v.kinds[1].name, "ServiceMonitor");
  EXPECT_EQ(v.source_files.size(), 2u);
}

// A minimal v1 CRD with `versions` spliced in.
std::string CrdV1(const std::string& versions, const std::string& names_extra = "",
                  const std::string& scope = "Namespaced") {
  return "apiVersion: apiextensions.k8s.io/v1\n"
         "kind: CustomResourceDefinition\n"
         "metadata:\n"
         "  name: crontabs.stable.example.com\n"
         "spec:\n"
         "  group: stable.example.com\n"
         "  names:\n"
         "    kind: CronTab\n"
         "    plural: crontabs\n" +
         names_extra + "  scope: " + scope + "\n  versions:\n" + versions;
}

// A CRD of one served version v1 whose object has `properties` (YAML, indented 10 spaces).
std::string CrdV1WithProperties(const std::string& properties) {
  return CrdV1(R"(  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
)" + properties);
}

// A CRD of one served version v1 whose spec has `properties` (YAML, indented 14 spaces).
std::string CrdV1WithSpec(const std::string& properties) {
  return CrdV1WithProperties(
      "          spec:\n"
      "            type: object\n"
      "            properties:\n" +
      properties);
}

const char* kSimpleSchema =
    "    schema:\n"
    "      openAPIV3Schema:\n"
    "        type: object\n"
    "        properties:\n"
    "          spec:\n"
    "            type: object\n"
    "            properties:\n"
    "              cronSpec: {type: string}\n";

TEST(CrdLoaderTest, UnservedVersionsAreSkipped) {
  auto m =
      LoadText(CrdV1(std::string("  - name: v1\n    served: true\n    storage: true\n") +
                     kSimpleSchema + "  - name: v1beta1\n    served: false\n    storage: false\n" +
                     kSimpleSchema + "  - name: v2\n    served: true\n    storage: false\n" +
                     kSimpleSchema + "    subresources:\n      status: {}\n"));
  ASSERT_TRUE(m.has_value()) << m.error().message;
  const model::Group& g = m->groups["stable.example.com"];
  EXPECT_EQ(g.cpp_name, "stable");
  EXPECT_THAT(VersionNames(g), ElementsAre("v1", "v2"));
  const model::Kind& v1 = g.versions.at("v1").kinds.at(0);
  EXPECT_EQ(v1.name, "CronTab");
  EXPECT_EQ(v1.singular, "crontab");  // defaulted from the kind
  EXPECT_EQ(v1.accessor, "CronTabs");
  EXPECT_TRUE(v1.subresources.empty());
  EXPECT_EQ(v1.verbs, kVerbsWithoutStatus);
  const model::Kind& v2 = g.versions.at("v2").kinds.at(0);
  EXPECT_THAT(v2.subresources, ElementsAre("status"));
  EXPECT_EQ(v2.verbs, kAllVerbs);
  EXPECT_EQ(FieldOf(g.versions.at("v2"), "CronTabSpec", "cronSpec").type.kind, Kind::kString);
}

TEST(CrdLoaderTest, ClusterScopedWithSingularAndShortNames) {
  auto m = LoadText(
      CrdV1(std::string("  - name: v1\n    served: true\n    storage: true\n") + kSimpleSchema,
            "    singular: crontabby\n    shortNames: [ct]\n", "Cluster"));
  ASSERT_TRUE(m.has_value()) << m.error().message;
  const model::Kind& k = m->groups["stable.example.com"].versions["v1"].kinds.at(0);
  EXPECT_FALSE(k.namespaced);
  EXPECT_EQ(k.singular, "crontabby");
  EXPECT_THAT(k.short_names, ElementsAre("ct"));
}

// Zalando's postgres-operator: `kind: postgresql`, which the API server accepts. The C++ type is
// Postgresql (as Go names it); the API keeps seeing "postgresql" and "postgresqlList".
TEST(CrdLoaderTest, LowercaseKindKeepsItsSpellingOnTheWire) {
  std::string text =
      CrdV1(std::string("  - name: v1\n    served: true\n    storage: true\n") + kSimpleSchema);
  text.replace(text.find("kind: CronTab"), std::string("kind: CronTab").size(), "kind: postgresql");
  text.replace(text.find("plural: crontabs"), std::string("plural: crontabs").size(),
               "plural: postgresqls");
  auto m = LoadText(text);
  ASSERT_TRUE(m.has_value()) << m.error().message;
  const model::Version& v = m->groups["stable.example.com"].versions["v1"];
  const model::Kind& k = v.kinds.at(0);
  EXPECT_EQ(k.name, "Postgresql");
  EXPECT_EQ(k.ApiName(), "postgresql");
  EXPECT_EQ(k.accessor, "Postgresqls");
  EXPECT_EQ(k.singular, "postgresql");
  ASSERT_NE(FindStruct(v, "Postgresql"), nullptr);
  EXPECT_EQ(FindStruct(v, "Postgresql")->kind, "postgresql");
  auto kinds = SchemeKinds(*m);
  ASSERT_EQ(kinds.size(), 1u);
  EXPECT_EQ(kinds[0].gvk.kind, "postgresql");
  EXPECT_EQ(kinds[0].ListKind(), "postgresqlList");
}

// VictoriaMetrics (operator.victoriametrics.com) and every operator.openshift.io CRD: the
// group's C++ name takes a trailing underscore, as a member named after a keyword does.
TEST(CrdLoaderTest, GroupWhoseFirstLabelIsAKeyword) {
  std::string text =
      CrdV1(std::string("  - name: v1\n    served: true\n    storage: true\n") + kSimpleSchema);
  text.replace(text.find("group: stable.example.com"), std::string("group: stable").size(),
               "group: operator");
  auto m = LoadText(text);
  ASSERT_TRUE(m.has_value()) << m.error().message;
  const model::Group& g = m->groups.at("operator.example.com");
  EXPECT_EQ(g.cpp_name, "operator_");
  EXPECT_EQ(g.versions.at("v1").kinds.at(0).name, "CronTab");
}

TEST(CrdLoaderTest, MultiDocumentYamlWithTwoCrds) {
  std::string text =
      "# two CRDs in one file\n---\n" +
      CrdV1(std::string("  - name: v1\n    served: true\n    storage: true\n") + kSimpleSchema) +
      "---\n"
      "apiVersion: apiextensions.k8s.io/v1\n"
      "kind: CustomResourceDefinition\n"
      "spec:\n"
      "  group: stable.example.com\n"
      "  names: {kind: Tenant, plural: tenants}\n"
      "  scope: Cluster\n"
      "  versions:\n"
      "  - name: v1\n"
      "    served: true\n"
      "    storage: true\n"
      "    schema:\n"
      "      openAPIV3Schema:\n"
      "        type: object\n"
      "        x-kubernetes-preserve-unknown-fields: true\n"
      "---\n";
  auto m = LoadText(text);
  ASSERT_TRUE(m.has_value()) << m.error().message;
  const model::Version& v = m->groups["stable.example.com"].versions["v1"];
  ASSERT_EQ(v.kinds.size(), 2u);
  EXPECT_EQ(v.kinds[0].name, "CronTab");
  EXPECT_EQ(v.kinds[1].name, "Tenant");
  EXPECT_EQ(v.kinds[1].accessor, "Tenants");
  EXPECT_FALSE(v.kinds[1].namespaced);
  ASSERT_NE(FindStruct(v, "Tenant"), nullptr);
  EXPECT_EQ(FindStruct(v, "Tenant")->kind, "Tenant");
}

TEST(CrdLoaderTest, ListOfCrds) {
  auto m = LoadText(R"(
apiVersion: v1
kind: List
items:
- apiVersion: apiextensions.k8s.io/v1
  kind: CustomResourceDefinition
  spec:
    group: a.example.com
    names: {kind: Alpha, plural: alphas}
    scope: Namespaced
    versions:
    - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}
- apiVersion: apiextensions.k8s.io/v1
  kind: CustomResourceDefinition
  spec:
    group: b.example.com
    names: {kind: Beta, plural: betas, shortNames: [b]}
    scope: Cluster
    versions:
    - {name: v2alpha1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}
)");
  ASSERT_TRUE(m.has_value()) << m.error().message;
  ASSERT_EQ(m->groups.size(), 2u);
  EXPECT_EQ(m->groups["a.example.com"].versions["v1"].kinds.at(0).name, "Alpha");
  const model::Kind& beta = m->groups["b.example.com"].versions["v2alpha1"].kinds.at(0);
  EXPECT_EQ(beta.name, "Beta");
  EXPECT_THAT(beta.short_names, ElementsAre("b"));
  EXPECT_EQ(m->groups["b.example.com"].cpp_name, "b");
}

TEST(CrdLoaderTest, V1beta1TopLevelValidationAndSubresources) {
  auto m = LoadText(R"(
apiVersion: apiextensions.k8s.io/v1beta1
kind: CustomResourceDefinition
spec:
  group: stable.example.com
  version: v1
  names:
    kind: CronTab
    plural: crontabs
  scope: Namespaced
  subresources:
    status: {}
    scale:
      specReplicasPath: .spec.replicas
      statusReplicasPath: .status.replicas
  validation:
    openAPIV3Schema:
      properties:
        spec:
          properties:
            replicas: {type: integer, format: int32}
)");
  ASSERT_TRUE(m.has_value()) << m.error().message;
  const model::Version& v = m->groups["stable.example.com"].versions["v1"];
  ASSERT_EQ(v.kinds.size(), 1u);
  EXPECT_THAT(v.kinds[0].subresources, ElementsAre("status", "scale"));
  EXPECT_EQ(v.kinds[0].verbs, kAllVerbs);
  EXPECT_EQ(FieldOf(v, "CronTabSpec", "replicas").type.kind, Kind::kInt32);
}

// apiextensions v1beta1 defaulted an absent or empty scope to Namespaced (clusters up to 1.21
// served such CRDs, e.g. velero's early manifests had `scope: ""`); v1 requires it.
TEST(CrdLoaderTest, V1beta1ScopeDefaultsToNamespaced) {
  for (const char* scope : {"", "  scope: \"\"\n", "  scope:\n"}) {
    auto m = LoadText(std::string(R"(apiVersion: apiextensions.k8s.io/v1beta1
kind: CustomResourceDefinition
spec:
  group: stable.example.com
  version: v1
  names: {kind: CronTab, plural: crontabs}
  validation:
    openAPIV3Schema:
      properties:
        spec: {properties: {replicas: {type: integer}}}
)") + scope);
    ASSERT_TRUE(m.has_value()) << scope << m.error().message;
    EXPECT_TRUE(m->groups["stable.example.com"].versions["v1"].kinds.at(0).namespaced) << scope;
  }
  auto v1 = LoadText(CrdV1("", "", "\"\""));
  ASSERT_FALSE(v1.has_value());
  EXPECT_THAT(v1.error().message, HasSubstr("invalid scope \"\""));
}

TEST(CrdLoaderTest, V1beta1PerVersionSchemas) {
  auto m = LoadText(R"(
apiVersion: apiextensions.k8s.io/v1beta1
kind: CustomResourceDefinition
spec:
  group: stable.example.com
  version: v1
  names: {kind: CronTab, plural: crontabs}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec: {type: object, properties: {a: {type: string}}}
  - name: v2
    served: true
    storage: false
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec: {type: object, properties: {b: {type: boolean}}}
)");
  ASSERT_TRUE(m.has_value()) << m.error().message;
  EXPECT_EQ(FieldOf(m->groups["stable.example.com"].versions["v1"], "CronTabSpec", "a").type.kind,
            Kind::kString);
  EXPECT_EQ(FieldOf(m->groups["stable.example.com"].versions["v2"], "CronTabSpec", "b").type.kind,
            Kind::kBool);
}

TEST(CrdLoaderTest, EnumValuesYamlWouldMistypeStayStrings) {
  auto m = LoadText(CrdV1WithSpec(R"(              operator:
                type: string
                enum: [=, "!=", =~, yes, on, "true", No]
              when:
                type: string
                enum:
                - Always
                - off
)"));
  ASSERT_TRUE(m.has_value()) << m.error().message;
  const model::Version& v = m->groups["stable.example.com"].versions["v1"];
  EXPECT_THAT(FieldOf(v, "CronTabSpec", "operator").enum_values,
              ElementsAre("=", "!=", "=~", "yes", "on", "true", "No"));
  EXPECT_THAT(FieldOf(v, "CronTabSpec", "when").enum_values, ElementsAre("Always", "off"));
}

// Third-party CRDs may have properties that become the same C++ member; their users cannot
// rename them, so the generator keeps them apart, whatever order they come in.
TEST(CrdLoaderTest, PropertiesThatBecomeOneMemberAreKeptApart) {
  for (const char* order : {"ID, id, pod_ip, podIP, id_2", "id_2, podIP, pod_ip, id, ID"}) {
    std::string props;
    std::string list = order;
    for (size_t start = 0; start < list.size();) {
      size_t comma = list.find(", ", start);
      std::string key = list.substr(start, comma == std::string::npos ? comma : comma - start);
      // Each nested schema has a shape of its own, so that none is merged with another.
      props +=
          "              " + key + ": {type: object, properties: {" + key + ": {type: string}}}\n";
      start = comma == std::string::npos ? list.size() : comma + 2;
    }
    auto m = LoadText(CrdV1WithSpec(props));
    ASSERT_TRUE(m.has_value()) << order << ": " << m.error().message;
    const model::Version& v = m->groups["stable.example.com"].versions["v1"];
    // The property spelled as the member keeps it; the others take a suffix in the order of
    // their JSON names, and so do their nested types.
    EXPECT_EQ(FieldOf(v, "CronTabSpec", "id").cpp_name, "id") << order;
    EXPECT_EQ(FieldOf(v, "CronTabSpec", "ID").cpp_name, "id_3") << order << " (id_2 is taken)";
    EXPECT_EQ(FieldOf(v, "CronTabSpec", "id_2").cpp_name, "id_2") << order;
    EXPECT_EQ(FieldOf(v, "CronTabSpec", "pod_ip").cpp_name, "pod_ip") << order;
    EXPECT_EQ(FieldOf(v, "CronTabSpec", "podIP").cpp_name, "pod_ip_2") << order;
    EXPECT_EQ(FieldOf(v, "CronTabSpec", "podIP").type.struct_name, "CronTabSpecPodIP2") << order;
    EXPECT_EQ(FieldOf(v, "CronTabSpec", "pod_ip").type.struct_name, "CronTabSpecPodIp") << order;
  }
}

// controller-gen writes a Go type's schema again at every use. An inline schema with the shape
// of an earlier one (descriptions aside) is that struct under another name; a schema that
// differs in any way that changes the C++ type or the merge rules is a struct of its own.
TEST(CrdLoaderTest, RepeatedInlineShapesAreOneStructUnderEveryName) {
  auto m = LoadText(CrdV1WithSpec(R"(              first:
                type: object
                description: the first use
                properties:
                  name: {type: string}
                  inner: {type: object, properties: {port: {type: integer}}}
              again:
                type: object
                description: the same Go type, used again
                properties:
                  name: {type: string, description: said differently}
                  inner: {type: object, properties: {port: {type: integer}}}
              required:
                type: object
                required: [name]
                properties:
                  name: {type: string}
                  inner: {type: object, properties: {port: {type: integer}}}
              enumerated:
                type: object
                properties:
                  name: {type: string, enum: [a, b]}
                  inner: {type: object, properties: {port: {type: integer}}}
              listed:
                type: object
                properties:
                  name: {type: string}
                  inner: {type: object, properties: {port: {type: integer, format: int32}}}
)"));
  ASSERT_TRUE(m.has_value()) << m.error().message;
  const model::Version& v = m->groups["stable.example.com"].versions["v1"];
  auto struct_named = [&](const std::string& name) -> const model::Struct* {
    for (const auto& s : v.structs) {
      if (s.name == name) return &s;
    }
    return nullptr;
  };
  ASSERT_NE(struct_named("CronTabSpecAgain"), nullptr);
  EXPECT_EQ(struct_named("CronTabSpecAgain")->alias_of, "CronTabSpecFirst");
  EXPECT_TRUE(struct_named("CronTabSpecAgain")->fields.empty());
  EXPECT_EQ(struct_named("CronTabSpecAgainInner")->alias_of, "CronTabSpecFirstInner");
  EXPECT_EQ(FieldOf(v, "CronTabSpec", "again").type.struct_name, "CronTabSpecFirst");
  EXPECT_EQ(FieldOf(v, "CronTabSpecFirst", "inner").type.struct_name, "CronTabSpecFirstInner");
  EXPECT_EQ(struct_named("CronTabSpecFirst")->description, "the first use");
  // A required member, an enum or another integer width makes another type.
  EXPECT_FALSE(struct_named("CronTabSpecRequired")->IsAlias());
  EXPECT_FALSE(struct_named("CronTabSpecEnumerated")->IsAlias());
  EXPECT_FALSE(struct_named("CronTabSpecListed")->IsAlias());
  EXPECT_FALSE(struct_named("CronTabSpecListedInner")->IsAlias());
  // Their inner members of the shared shape still share it.
  EXPECT_EQ(struct_named("CronTabSpecRequiredInner")->alias_of, "CronTabSpecFirstInner");
  // The kind itself is never an alias, nor are its spec and status.
  EXPECT_FALSE(struct_named("CronTab")->IsAlias());
  EXPECT_FALSE(struct_named("CronTabSpec")->IsAlias());
}

// spec.tls.config and spec.tlsConfig both make CronTabSpecTlsConfig, and a top-level `list`
// would make the list type's name: the later nested type is numbered, in document order.
TEST(CrdLoaderTest, NestedTypesThatWouldShareANameAreNumbered) {
  auto m = LoadText(CrdV1WithSpec(R"(              tls:
                type: object
                properties:
                  config: {type: object, properties: {ca: {type: string}}}
              tlsConfig: {type: object, properties: {cert: {type: string}}}
)"));
  ASSERT_TRUE(m.has_value()) << m.error().message;
  const model::Version& v = m->groups["stable.example.com"].versions["v1"];
  EXPECT_EQ(FieldOf(v, "CronTabSpecTls", "config").type.struct_name, "CronTabSpecTlsConfig");
  EXPECT_EQ(FieldOf(v, "CronTabSpec", "tlsConfig").type.struct_name, "CronTabSpecTlsConfig2");
  EXPECT_EQ(FieldOf(v, "CronTabSpecTlsConfig2", "cert").type.kind, Kind::kString);

  m = LoadText(
      CrdV1WithProperties("          list: {type: object, properties: {a: {type: string}}}\n"));
  ASSERT_TRUE(m.has_value()) << m.error().message;
  EXPECT_EQ(
      FieldOf(m->groups["stable.example.com"].versions["v1"], "CronTab", "list").type.struct_name,
      "CronTabList2");
}

// `text` with the kind CronTab (plural crontabs) renamed to `kind` (plural `plural`).
std::string WithKind(std::string text, const std::string& kind, const std::string& plural) {
  for (auto [from, to] : {std::pair<std::string, std::string>{"kind: CronTab", "kind: " + kind},
                          {"crontabs", plural}}) {
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
      text.replace(at, from.size(), to);
      at += to.size();
    }
  }
  return text;
}

// Kind Update's status type is named UpdateStatus, which is also a kind of the group version:
// the kind keeps its name, whichever CRD comes first, and the nested type is numbered.
TEST(CrdLoaderTest, AKindNamedLikeAnotherKindsNestedTypeKeepsItsName) {
  const std::string update = WithKind(CrdV1WithProperties(R"(          status:
            type: object
            properties:
              phase: {type: string}
)"),
                                      "Update", "updates");
  const std::string update_status = WithKind(CrdV1WithSpec("              id: {type: string}\n"),
                                             "UpdateStatus", "updatestatuses");
  for (const std::string& text :
       {update + "---\n" + update_status, update_status + "---\n" + update}) {
    auto m = LoadText(text);
    ASSERT_TRUE(m.has_value()) << m.error().message;
    const model::Version& v = m->groups["stable.example.com"].versions["v1"];
    ASSERT_NE(FindStruct(v, "UpdateStatus"), nullptr);
    EXPECT_EQ(FindStruct(v, "UpdateStatus")->kind, "UpdateStatus");
    EXPECT_EQ(FieldOf(v, "UpdateStatus", "spec").type.struct_name, "UpdateStatusSpec");
    EXPECT_EQ(FieldOf(v, "Update", "status").type.struct_name, "UpdateStatus2");
    EXPECT_EQ(FieldOf(v, "UpdateStatus2", "phase").type.kind, Kind::kString);
  }
}

TEST(CrdLoaderTest, DefaultsAndValidationRulesAreIgnored) {
  auto m = LoadText(CrdV1(R"(  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        x-kubernetes-validations:
        - rule: self.spec.min <= self.spec.max
        properties:
          spec:
            type: object
            default: {}
            properties:
              min: {type: integer, default: 1, minimum: 0}
              max: {type: integer, default: 10}
)"));
  ASSERT_TRUE(m.has_value()) << m.error().message;
  EXPECT_EQ(FieldOf(m->groups["stable.example.com"].versions["v1"], "CronTabSpec", "min").type.kind,
            Kind::kInt64);
}

TEST(CrdLoaderTest, PluralExceptionsNameTheAccessor) {
  auto docs = ParseYamlDocuments(
      CrdV1(std::string("  - name: v1\n    served: true\n    storage: true\n") + kSimpleSchema),
      "crd.yaml");
  ASSERT_TRUE(docs.has_value());
  model::Model m;
  LoaderOptions options;
  options.plural_exceptions = {{"CronTab", "CronTabz"}};
  ASSERT_TRUE(LoadCRD(docs->at(0), options, m).has_value());
  const model::Kind& k = m.groups["stable.example.com"].versions["v1"].kinds.at(0);
  EXPECT_EQ(k.accessor, "CronTabz");
  EXPECT_EQ(k.plural, "crontabs");  // the CRD's own resource name is the REST path
}

TEST(CrdLoaderTest, NoServedVersionLoadsNothing) {
  auto m = LoadText(
      CrdV1(std::string("  - name: v1\n    served: false\n    storage: true\n") + kSimpleSchema));
  ASSERT_TRUE(m.has_value()) << m.error().message;
  for (const auto& [name, g] : m->groups) EXPECT_TRUE(g.versions.empty()) << name;
}

struct BadCrd {
  const char* name;
  std::string text;
  const char* expect;  // substring of the error, including file:line:col
};

const std::string kServedV1 = "  - name: v1\n    served: true\n    storage: true\n";

std::vector<BadCrd> BadCrds() {
  return {
      {"not_a_mapping", "- a\n- b\n",
       "crd.yaml:1:1: expected \"kind: CustomResourceDefinition\" or a \"kind: List\" of them"},
      {"other_kind", "apiVersion: v1\nkind: ConfigMap\n",
       "crd.yaml:2:7: unexpected kind \"ConfigMap\""},
      {"bad_api_version", "apiVersion: apiextensions.k8s.io/v2\nkind: CustomResourceDefinition\n",
       "crd.yaml:1:13: unsupported apiVersion \"apiextensions.k8s.io/v2\": expected "
       "\"apiextensions.k8s.io/v1\""},
      {"missing_spec", "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n",
       "crd.yaml:1:1: missing \"spec\" (a mapping)"},
      {"missing_group",
       "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec:\n"
       "  names: {kind: A, plural: as}\n",
       "crd.yaml:4:3: missing \"group\" (the API group"},
      {"group_not_string",
       "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec:\n"
       "  group: [a]\n",
       "crd.yaml:4:10: expected \"group\" to be a string, not a list"},
      {"group_not_dns",
       "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec:\n"
       "  group: Example_Group\n",
       "crd.yaml:4:10: invalid group \"Example_Group\": expected a lower-case DNS name"},
      {"group_with_leading_dot",
       "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec:\n"
       "  group: .example.com\n",
       "crd.yaml:4:10: invalid group \".example.com\": expected a lower-case DNS name such as "
       "stable.example.com"},
      {"group_label_ends_with_dash",
       "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec:\n"
       "  group: stable-.example.com\n",
       "crd.yaml:4:10: invalid group \"stable-.example.com\""},
      {"group_without_a_dot",
       "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec:\n"
       "  group: stable\n",
       "crd.yaml:4:10: invalid group \"stable\": expected a lower-case DNS name such as "
       "stable.example.com: labels of a-z, 0-9 and '-' that start and end with a letter or "
       "digit, joined by single dots, with at least one dot"},
      {"group_digit",
       "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec:\n"
       "  group: 1password.com\n",
       "crd.yaml:4:10: group \"1password.com\" cannot be named in C++: its first label "
       "\"1password\" must start with a letter"},
      {"missing_kind",
       "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec:\n"
       "  group: example.com\n  names:\n    plural: as\n",
       "crd.yaml:6:5: missing \"kind\" (the kind, e.g. CronTab)"},
      {"kind_with_a_dash",
       "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec:\n"
       "  group: example.com\n  names:\n    kind: cron-tab\n",
       "crd.yaml:6:11: invalid kind \"cron-tab\": expected a name of letters and digits"},
      {"kind_is_a_number",
       "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec:\n"
       "  group: example.com\n  names:\n    kind: 12\n",
       "crd.yaml:6:11: expected \"kind\" to be a string, not 12"},
      {"missing_plural",
       "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec:\n"
       "  group: example.com\n  names:\n    kind: A\n",
       "crd.yaml:6:5: missing \"plural\""},
      {"short_names_not_strings",
       "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec:\n"
       "  group: example.com\n  names:\n    kind: A\n    plural: as\n    shortNames: [a, [b]]\n",
       "crd.yaml:8:21: expected a string"},
      {"bad_scope", CrdV1("", "", "Global"),
       "crd.yaml:10:10: invalid scope \"Global\": expected \"Namespaced\" or \"Cluster\""},
      {"missing_scope",
       "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec:\n"
       "  group: example.com\n  names: {kind: A, plural: as}\n",
       "crd.yaml:4:3: missing \"scope\""},
      {"missing_versions",
       "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec:\n"
       "  group: example.com\n  names: {kind: A, plural: as}\n  scope: Cluster\n",
       "crd.yaml:4:3: missing \"versions\""},
      {"versions_not_a_list", CrdV1("    v1: {}\n"),
       "crd.yaml:12:5: expected \"versions\" to be a list of versions"},
      {"version_without_name", CrdV1("  - served: true\n"),
       "crd.yaml:12:5: missing \"name\" (a version name"},
      {"bad_version_name", CrdV1("  - name: 1.0\n    served: true\n"),
       "crd.yaml:12:11: expected \"name\" to be a string, not 1.0"},
      {"invalid_version_name", CrdV1("  - name: version1\n    served: true\n"),
       "crd.yaml:12:11: invalid version \"version1\": expected v<N>"},
      {"duplicate_version", CrdV1(kServedV1 + kSimpleSchema + kServedV1 + kSimpleSchema),
       "crd.yaml:23:11: version \"v1\" is listed twice"},
      {"served_missing", CrdV1("  - name: v1\n    storage: true\n"),
       "crd.yaml:12:5: missing \"served\" (a boolean)"},
      {"served_yes", CrdV1("  - name: v1\n    served: yes\n"),
       "crd.yaml:13:13: expected \"served\" to be true or false, not \"yes\""},
      {"version_without_schema", CrdV1(kServedV1),
       "crd.yaml:12:5: version \"v1\" has no schema: expected \"schema.openAPIV3Schema\""},
      {"schema_without_openapi", CrdV1(kServedV1 + "    schema: {}\n"),
       "crd.yaml:15:13: missing \"openAPIV3Schema\" in \"schema\""},
      {"schema_not_object",
       CrdV1(kServedV1 + "    schema:\n      openAPIV3Schema:\n        type: string\n"),
       "crd.yaml:17:9: expected \"openAPIV3Schema\" to be an object schema (type: object)"},
      {"schema_is_a_list", CrdV1(kServedV1 + "    schema:\n      openAPIV3Schema: [a]\n"),
       "crd.yaml:16:24: expected \"openAPIV3Schema\" to be an object schema"},
      {"subresources_not_mapping",
       CrdV1(kServedV1 + kSimpleSchema + "    subresources: [status]\n"),
       "crd.yaml:23:19: expected \"subresources\" to be a mapping"},
      {"status_not_mapping",
       CrdV1(kServedV1 + kSimpleSchema + "    subresources:\n      status: 1\n"),
       "crd.yaml:24:15: expected \"status\" to be a mapping"},
      {"property_bad_type",
       CrdV1(kServedV1 +
             "    schema:\n      openAPIV3Schema:\n        type: object\n        properties:\n"
             "          size: {type: int}\n"),
       "crd.yaml:19:24: unknown type \"int\": expected one of object, array"},
      {"property_type_not_string",
       CrdV1(kServedV1 +
             "    schema:\n      openAPIV3Schema:\n        type: object\n        properties:\n"
             "          size:\n            type: [integer]\n"),
       "crd.yaml:20:19: expected \"type\" to be a string"},
      {"array_without_items",
       CrdV1(kServedV1 +
             "    schema:\n      openAPIV3Schema:\n        type: object\n        properties:\n"
             "          xs:\n            type: array\n"),
       "crd.yaml:20:13: expected \"items\" for an array"},
      {"ref_in_crd",
       CrdV1(kServedV1 +
             "    schema:\n      openAPIV3Schema:\n        type: object\n        properties:\n"
             "          x: {$ref: '#/definitions/X'}\n"),
       "crd.yaml:19:21: unexpected \"$ref\""},
      {"list_item_not_crd", "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n",
       "crd.yaml:5:9: expected a \"kind: CustomResourceDefinition\" in the List"},
      {"list_items_not_list", "apiVersion: v1\nkind: List\nitems: {}\n",
       "crd.yaml:3:8: expected \"items\" to be a list"},
      {"v1beta1_without_schema",
       "apiVersion: apiextensions.k8s.io/v1beta1\nkind: CustomResourceDefinition\nspec:\n"
       "  group: example.com\n  version: v1\n  names: {kind: A, plural: as}\n  scope: Cluster\n",
       "crd.yaml:4:3: version \"v1\" has no schema: expected \"schema.openAPIV3Schema\" in the "
       "version or \"spec.validation.openAPIV3Schema\""},
  };
}

TEST(CrdLoaderTest, ErrorsNamePositionAndWhatWasExpected) {
  for (const auto& c : BadCrds()) {
    SCOPED_TRACE(c.name);
    EXPECT_THAT(ErrorOf(c.text), HasSubstr(c.expect));
  }
}

TEST(CrdLoaderTest, SameKindTwiceIsAnError) {
  std::string crd =
      CrdV1(std::string("  - name: v1\n    served: true\n    storage: true\n") + kSimpleSchema);
  EXPECT_THAT(ErrorOf(crd + "---\n" + crd),
              HasSubstr("crd.yaml:31:11: kind CronTab of stable.example.com/v1 is already defined "
                        "in crd.yaml"));
}

TEST(CrdLoaderTest, ErrorInsideAListNamesTheItem) {
  EXPECT_THAT(ErrorOf(R"(apiVersion: v1
kind: List
items:
- apiVersion: apiextensions.k8s.io/v1
  kind: CustomResourceDefinition
  spec:
    group: a.example.com
    names: {kind: Alpha, plural: alphas}
    scope: Namespaced
    versions:
    - {name: v1, served: true, schema: {openAPIV3Schema: {type: object, properties: {
        n: {type: integer, format: [1]}}}}}
)"),
              HasSubstr("crd.yaml:12:36: expected \"format\" to be a string"));
}

}  // namespace
}  // namespace kube::gen
