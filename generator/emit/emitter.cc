#include "emit/emitter.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "emit/clientset_emitter.h"
#include "emit/deprecated_emitter.h"
#include "emit/fake_emitter.h"
#include "emit/informer_emitter.h"
#include "emit/lister_emitter.h"
#include "emit/scheme_emitter.h"
#include "emit/typed_client_emitter.h"
#include "emit/types_emitter.h"
#include "model/naming.h"

namespace kube::gen {

Result<void> ValidateRootNamespace(std::string_view ns) {
  if (ns.empty()) return Fail(Error::InvalidArgument("--namespace may not be empty"));
  size_t start = 0;
  while (true) {
    size_t sep = ns.find("::", start);
    std::string_view part = ns.substr(start, sep == std::string_view::npos ? ns.npos : sep - start);
    if (!IsCppIdentifier(part)) {
      return Fail(
          Error::InvalidArgument(fmt::format("--namespace \"{}\": \"{}\" is not a C++ identifier "
                                             "(expected e.g. acme or acme::clients)",
                                             ns, part)));
    }
    if (sep == std::string_view::npos) return {};
    start = sep + 2;
  }
}

Result<std::vector<OutputFile>> Emitter::Emit(const model::Model& model) const {
  if (auto ok = ValidateRootNamespace(options_.root_namespace); !ok) return Fail(ok.error());
  // Two groups with the same first DNS label would share a C++ namespace and directory.
  std::map<std::string, const model::Group*> by_cpp_name;
  for (const auto& [name, g] : model.groups) {
    auto [it, inserted] = by_cpp_name.emplace(g.cpp_name, &g);
    if (!inserted) {
      const model::Group& first = *it->second;
      return Fail(Error::InvalidArgument(fmt::format(
          "{}group \"{}\" would be named \"{}\" in C++, as group \"{}\"{} is: name one with "
          "--group-name {}=NAME (or a native schema's \"package\")",
          g.source.empty() ? "" : g.source + ": ", name, g.cpp_name, first.name,
          first.source.empty() ? "" : " (" + first.source + ")", name)));
    }
  }
  EmitContext ctx(templates_, options_.root_namespace, model);
  for (const auto& [gname, g] : model.groups) {
    for (const auto& [vname, v] : g.versions) {
      if (auto ok = TypesEmitter(ctx).Emit(g, v); !ok) return Fail(ok.error());
      if (auto ok = TypedClientEmitter(ctx).Emit(g, v); !ok) return Fail(ok.error());
      if (options_.informers) {
        if (auto ok = ListerEmitter(ctx).Emit(g, v); !ok) return Fail(ok.error());
      }
    }
  }
  if (auto ok = SchemeEmitter(ctx).Emit(); !ok) return Fail(ok.error());
  if (auto ok = ClientsetEmitter(ctx).Emit(); !ok) return Fail(ok.error());
  if (options_.fakes) {
    if (auto ok = FakeEmitter(ctx).Emit(); !ok) return Fail(ok.error());
  }
  if (options_.informers) {
    if (auto ok = InformerEmitter(ctx).Emit(); !ok) return Fail(ok.error());
  }
  if (options_.deprecated_snapshot) {
    if (auto ok = DeprecatedEmitter(ctx).Emit(); !ok) return Fail(ok.error());
  }
  return ctx.TakeFiles();
}

}  // namespace kube::gen
