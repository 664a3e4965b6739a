// What every emitter shares: where each artifact of a group version lives (namespaces and
// header paths, one rule for all of them), the rendered files collected so far, and the small
// text helpers that keep generated comments and include lists deterministic.
//
//   EmitContext ctx(templates, "acme", model);
//   TypesEmitter(ctx).Emit(group, version);   // renders into ctx.files()
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "emit/templates.h"
#include "kube/error.h"
#include "model/model.h"

namespace kube::gen {

struct OutputFile {
  std::string path;  // relative to --out, e.g. "acme/scheme.h"
  std::string content;
};

// Namespaces and paths of the generated artifacts, from the root namespace ("acme::clients"
// is written under "acme/clients/").
class Paths {
 public:
  Paths(std::string root_namespace, const model::Model& model);

  const std::string& root_ns() const { return root_ns_; }
  const std::string& root_path() const { return root_path_; }

  std::string GroupCpp(const std::string& group) const;
  // acme::api::wardle::v1beta1 and acme/api/wardle/v1beta1/types.h
  std::string TypesNs(const std::string& group, const std::string& version) const;
  std::string TypesHeader(const std::string& group, const std::string& version) const;
  // acme::clientset::typed::wardle::v1beta1 and acme/clientset/typed/wardle/v1beta1
  std::string TypedNs(const model::Group& g, const model::Version& v) const;
  std::string TypedDir(const model::Group& g, const model::Version& v) const;
  // acme/clientset/typed/wardle/v1beta1/wardle_client.h
  std::string GroupClientHeader(const model::Group& g, const model::Version& v) const;
  // acme::clientset::typed::wardle::v1beta1::fake and its directory
  std::string FakeNs(const model::Group& g, const model::Version& v) const;
  std::string FakeDir(const model::Group& g, const model::Version& v) const;
  // acme::deprecated::typed::wardle::v1beta1 and acme/deprecated/typed/wardle/v1beta1 (the
  // frozen pre-context snapshot, laid out as clientset/ is)
  std::string DeprecatedNs(const model::Group& g, const model::Version& v) const;
  std::string DeprecatedDir(const model::Group& g, const model::Version& v) const;
  // acme::listers::wardle::v1beta1 and acme/listers/wardle/v1beta1/flunder.h
  std::string ListersNs(const model::Group& g, const model::Version& v) const;
  std::string ListerHeader(const model::Group& g, const model::Version& v,
                           const model::Kind& k) const;
  // acme::informers::wardle::v1beta1 and acme/informers/wardle/v1beta1/flunder.h
  std::string InformersNs(const model::Group& g, const model::Version& v) const;
  std::string InformerHeader(const model::Group& g, const model::Version& v,
                             const model::Kind& k) const;

 private:
  std::string root_ns_;
  std::string root_path_;
  const model::Model* model_;
};

class EmitContext {
 public:
  EmitContext(const TemplateSet& templates, std::string root_namespace, const model::Model& model)
      : templates_(templates), paths_(std::move(root_namespace), model), model_(model) {}

  const Paths& paths() const { return paths_; }
  const model::Model& model() const { return model_; }

  // Renders template `tmpl` ("types.h") with `data` into the file `path`; fails if another
  // template was rendered there already (a kind named like a file of its group version).
  Result<void> Render(const std::string& tmpl, const std::string& path, const nlohmann::json& data);
  // Every file rendered so far, sorted by path.
  std::vector<OutputFile> TakeFiles();

 private:
  const TemplateSet& templates_;
  Paths paths_;
  const model::Model& model_;
  std::vector<OutputFile> files_;
  std::map<std::string, std::string> template_of_;  // path -> the template rendered there
};

// Text helpers shared by the emitters.
std::string Replace(std::string s, std::string_view from, std::string_view to);
// `s` escaped for a C++ string literal.
std::string Quote(std::string_view s);
// `text` as the lines of a `// ` comment starting at column `indent`.
nlohmann::json Comment(std::string_view text, size_t indent);
// The schema files the kinds came from, sorted and unique (the files' "Source:" lines).
nlohmann::json Sources(const std::vector<const model::Kind*>& kinds);
nlohmann::json SortedIncludes(std::vector<std::string> headers);
// `class name : public base {`, broken before the colon when it does not fit.
std::string ClassHead(const std::string& name, const std::string& base);
// The kinds of a version, in order.
std::vector<const model::Kind*> KindsOf(const model::Version& v);

}  // namespace kube::gen
