#include "emit/verbs.h"

#include <set>

#include "emit/cpp_layout.h"

namespace kube::gen {

std::string KindTypeName(const model::Kind& k, const std::string& types_ns) {
  // The typed client's methods (the fake's and the deprecated client's too), and the informer's.
  static const std::set<std::string> kClientMethods = {
      "Create", "Update", "UpdateStatus", "Delete",   "DeleteCollection", "Get",
      "List",   "Watch",  "Patch",        "GetScale", "UpdateScale"};
  static const std::set<std::string> kInformerMethods = {"Informer", "InformerWithContext",
                                                         "Lister", "ListerWithContext", "Shared"};
  bool member = kClientMethods.count(k.name) || kInformerMethods.count(k.name);
  return member ? types_ns + "::" + k.name : k.name;
}

std::vector<Method> Methods(const model::Kind& k, const std::string& types_ns) {
  const std::string K = KindTypeName(k, types_ns);
  const std::string ctx = "const kube::Context& ctx";
  std::vector<Method> m;
  if (k.HasVerb("create")) {
    m.push_back({"Create",
                 "kube::Result<" + K + ">",
                 {ctx, "const " + K + "& obj", "const kube::CreateOptions& opts"},
                 "",
                 "return client_.Create(ctx, obj, opts);"});
  }
  if (k.HasVerb("update")) {
    m.push_back({"Update",
                 "kube::Result<" + K + ">",
                 {ctx, "const " + K + "& obj", "const kube::UpdateOptions& opts"},
                 "",
                 "return client_.Update(ctx, obj, opts);"});
  }
  if (k.HasVerb("updateStatus") && k.HasSubresource("status")) {
    m.push_back({"UpdateStatus",
                 "kube::Result<" + K + ">",
                 {ctx, "const " + K + "& obj", "const kube::UpdateOptions& opts"},
                 "",
                 "return client_.UpdateStatus(ctx, obj, opts);"});
  }
  if (k.HasVerb("delete")) {
    m.push_back({"Delete",
                 "kube::Result<void>",
                 {ctx, "std::string_view name", "const kube::DeleteOptions& opts"},
                 "",
                 "return client_.Delete(ctx, name, opts);"});
  }
  if (k.HasVerb("deleteCollection")) {
    m.push_back({"DeleteCollection",
                 "kube::Result<void>",
                 {ctx, "const kube::DeleteOptions& opts", "const kube::ListOptions& list_opts"},
                 "",
                 "return client_.DeleteCollection(ctx, opts, list_opts);"});
  }
  if (k.HasVerb("get")) {
    m.push_back({"Get",
                 "kube::Result<" + K + ">",
                 {ctx, "std::string_view name", "const kube::GetOptions& opts"},
                 "",
                 "return client_.Get(ctx, name, opts);"});
  }
  if (k.HasVerb("list")) {
    m.push_back({"List",
                 "kube::Result<" + K + "List>",
                 {ctx, "const kube::ListOptions& opts"},
                 "",
                 "return client_.List(ctx, opts);"});
  }
  if (k.HasVerb("watch")) {
    m.push_back({"Watch",
                 "kube::Result<std::unique_ptr<kube::Watcher<" + K + ">>>",
                 {ctx, "const kube::ListOptions& opts"},
                 "",
                 "return client_.Watch(ctx, opts);"});
  }
  if (k.HasVerb("patch")) {
    m.push_back({"Patch",
                 "kube::Result<" + K + ">",
                 {ctx, "std::string_view name", "kube::PatchType type", "std::string_view data",
                  "const kube::PatchOptions& opts", "const std::vector<std::string>& subresources"},
                 " = {}",
                 "return client_.Patch(ctx, name, type, data, opts, subresources);"});
  }
  if (k.HasSubresource("scale")) {
    m.push_back({"GetScale",
                 "kube::Result<kube::Scale>",
                 {ctx, "std::string_view name", "const kube::GetOptions& opts"},
                 "",
                 "return client_.GetSubresource<kube::Scale>(ctx, name, \"scale\", opts);"});
    m.push_back({"UpdateScale",
                 "kube::Result<kube::Scale>",
                 {ctx, "std::string_view name", "const kube::Scale& scale",
                  "const kube::UpdateOptions& opts"},
                 "",
                 "return client_.UpdateSubresource(ctx, name, \"scale\", scale, opts);"});
  }
  return m;
}

nlohmann::json MethodData(const std::vector<Method>& methods) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& m : methods) {
    std::vector<std::string> decl_params = m.params;
    if (!m.default_tail.empty()) decl_params.back() += m.default_tail;
    out.push_back(
        {{"declaration",
          LayoutCall("  ", "virtual " + m.result + " " + m.name, decl_params, " = 0;")},
         {"function",
          LayoutFunction("  ", LayoutCall("  ", m.result + " " + m.name, m.params, " override {"),
                         m.body)}});
  }
  return out;
}

}  // namespace kube::gen
