#include "cli.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "emit/emitter.h"
#include "emit/output.h"
#include "emit/templates.h"
#include "model/naming.h"
#include "schema/loader.h"
#include "snapshot/snapshot.h"

#ifndef KUBE_CLIENTGEN_VERSION
#define KUBE_CLIENTGEN_VERSION "dev"
#endif

namespace kube::gen {
namespace {

constexpr const char* kUsage =
    R"(usage: kube-clientgen --schemas DIR|FILE... --namespace NS --out DIR [options]

Generates typed, context-first C++ clients from Kubernetes-style resource schemas.

  --schemas DIR|FILE...      schema files, or directories searched for *.json, *.yaml, *.yml
                             (repeatable): native schemas, OpenAPI v2/v3 documents, CRD manifests
  --input-format FORMAT      auto (default: from each document's content), native, openapi-v2,
                             openapi-v3 or crd
  --namespace NS             root C++ namespace, e.g. acme or acme::clients (files go to OUT/acme/...)
  --out DIR                  output directory
  --templates DIR            override built-in templates with DIR/<name>.mustache
  --plural-exceptions K:P,.. plurals English rules get wrong, e.g. Endpoints:endpoints
  --group-name GROUP=NAME    the C++ name of a group (repeatable), for groups whose first DNS
                             labels clash, e.g. gateway.networking.x-k8s.io=gatewayx
  --depfile FILE             write a Make-style depfile (outputs: schemas, templates)
  --list-outputs             print the files a run would write, and write nothing
  --no-fakes                 no fake clientset (NS/clientset/fake)
  --no-informers             no listers and informers (NS/listers, NS/informers)
  --verify                   exit 1 if OUT differs from what would be generated, or a file of
                             the frozen deprecated snapshot was edited; write nothing
  --freeze-deprecated        freeze the deprecated (pre-context) API into OUT/NS/deprecated with
                             a SNAPSHOT.json manifest, unless it is frozen already; every run
                             keeps a frozen snapshot as it is, with or without this flag
  --help, --version
)";

struct Flags {
  std::vector<std::string> schemas;
  std::string root_namespace;
  std::string out;
  std::string templates;
  std::string depfile;
  InputFormat input_format = InputFormat::kAuto;
  std::map<std::string, std::string, std::less<>> plural_exceptions;
  std::map<std::string, std::string, std::less<>> group_names;
  bool list_outputs = false;
  bool fakes = true;
  bool informers = true;
  bool verify = false;
  bool freeze_deprecated = false;
};

}  // namespace

int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Flags f;
  auto usage_error = [&](const std::string& msg) {
    err << "kube-clientgen: " << msg << "\n(see kube-clientgen --help)\n";
    return 2;
  };
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& into) -> bool {
      if (i + 1 >= args.size() || args[i + 1].starts_with("--")) return false;
      into = args[++i];
      return true;
    };
    if (a == "--help" || a == "-h") {
      out << kUsage;
      return 0;
    } else if (a == "--version") {
      out << "kube-clientgen " << KUBE_CLIENTGEN_VERSION << "\n";
      return 0;
    } else if (a == "--schemas") {
      size_t before = f.schemas.size();
      while (i + 1 < args.size() && !args[i + 1].starts_with("--")) f.schemas.push_back(args[++i]);
      if (f.schemas.size() == before) return usage_error("--schemas needs a directory or file");
    } else if (a == "--namespace") {
      if (!value(f.root_namespace)) return usage_error("--namespace needs a value");
    } else if (a == "--out") {
      if (!value(f.out)) return usage_error("--out needs a directory");
    } else if (a == "--templates") {
      if (!value(f.templates)) return usage_error("--templates needs a directory");
    } else if (a == "--input-format") {
      std::string name;
      if (!value(name)) return usage_error("--input-format needs a value");
      auto parsed = ParseInputFormat(name);
      if (!parsed) {
        return usage_error(fmt::format(
            "--input-format \"{}\": expected auto, native, openapi-v2, openapi-v3 or crd", name));
      }
      f.input_format = *parsed;
    } else if (a == "--depfile") {
      if (!value(f.depfile)) return usage_error("--depfile needs a file");
    } else if (a == "--plural-exceptions") {
      std::string spec;
      if (!value(spec)) return usage_error("--plural-exceptions needs Kind:plural[,Kind:plural]");
      size_t start = 0;
      while (start <= spec.size()) {
        size_t comma = spec.find(',', start);
        std::string item =
            spec.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        auto colon = item.find(':');
        if (colon == std::string::npos || colon == 0 || colon + 1 == item.size()) {
          return usage_error(fmt::format("--plural-exceptions: \"{}\" is not Kind:plural", item));
        }
        f.plural_exceptions[item.substr(0, colon)] = item.substr(colon + 1);
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    } else if (a == "--group-name") {
      std::string spec;
      if (!value(spec)) return usage_error("--group-name needs GROUP=NAME");
      auto eq = spec.find('=');
      std::string name = eq == std::string::npos ? "" : spec.substr(eq + 1);
      if (eq == std::string::npos || !IsCppIdentifier(name)) {
        return usage_error(fmt::format(
            "--group-name \"{}\": expected GROUP=NAME, NAME a C++ identifier (e.g. gatewayx)",
            spec));
      }
      f.group_names[spec.substr(0, eq)] = name;
    } else if (a == "--list-outputs") {
      f.list_outputs = true;
    } else if (a == "--no-fakes") {
      f.fakes = false;
    } else if (a == "--no-informers") {
      f.informers = false;
    } else if (a == "--verify") {
      f.verify = true;
    } else if (a == "--freeze-deprecated") {
      f.freeze_deprecated = true;
    } else {
      return usage_error(fmt::format("unknown argument \"{}\"", a));
    }
  }
  if (f.schemas.empty()) return usage_error("--schemas is required");
  if (f.root_namespace.empty()) return usage_error("--namespace is required");
  if (f.out.empty()) return usage_error("--out is required");

  auto fail = [&](const Error& e) {
    err << "kube-clientgen: " << e.message << "\n";
    return 1;
  };
  if (auto ok = ValidateRootNamespace(f.root_namespace); !ok) return fail(ok.error());
  TemplateSet templates = TemplateSet::Builtin();
  if (!f.templates.empty()) {
    if (auto ok = templates.OverrideFrom(f.templates); !ok) return fail(ok.error());
  }
  model::Model m;
  LoadReport report;
  if (auto ok = LoadSchemas(
          f.schemas, f.input_format,
          {.plural_exceptions = f.plural_exceptions, .group_names = f.group_names}, m, &report);
      !ok) {
    return fail(ok.error());
  }
  for (const auto& skipped : report.skipped) {
    err << "kube-clientgen: note: " << Describe(skipped) << "\n";
  }
  // The deprecated snapshot is frozen once; afterwards its files are read back and kept.
  auto snapshot = ReadSnapshot(f.out, Replace(f.root_namespace, "::", "/"));
  if (!snapshot) return fail(snapshot.error());
  bool freeze = f.freeze_deprecated && !*snapshot;
  auto files = Emitter(templates, {.root_namespace = f.root_namespace,
                                   .fakes = f.fakes,
                                   .informers = f.informers,
                                   .deprecated_snapshot = freeze})
                   .Emit(m);
  if (!files) return fail(files.error());
  if (freeze) FreezeSnapshot(*files, m, f.root_namespace, KUBE_CLIENTGEN_VERSION);
  if (*snapshot) {
    const Snapshot& s = **snapshot;
    if (auto ok = CheckSnapshotCovered(s, m); !ok) return fail(ok.error());
    files->insert(files->end(), s.files.begin(), s.files.end());
    std::sort(files->begin(), files->end(),
              [](const auto& a, const auto& b) { return a.path < b.path; });
    if (!f.verify && !f.list_outputs) {
      if (!s.missing.empty()) {
        return fail(Error::InvalidArgument(fmt::format(
            "{}/{}: missing from the frozen deprecated snapshot, which is never regenerated: "
            "restore it from version control (or delete {}/{} and run with "
            "--freeze-deprecated to freeze anew)",
            f.out, s.missing[0], f.out, s.dir)));
      }
      for (const auto& e : s.edited)
        err << "kube-clientgen: warning: " << f.out << "/" << e << "\n";
    }
  }

  if (f.list_outputs) {
    for (const auto& file : *files)
      out << (std::filesystem::path(f.out) / file.path).string() << "\n";
    return 0;
  }
  if (f.verify) {
    auto problems = VerifyOutputs(f.out, *files);
    if (*snapshot) {
      for (const auto& path : (*snapshot)->missing) {
        problems.push_back(path + ": missing from the frozen deprecated snapshot");
      }
      problems.insert(problems.end(), (*snapshot)->edited.begin(), (*snapshot)->edited.end());
    }
    for (const auto& p : problems) err << "kube-clientgen: --verify: " << f.out << "/" << p << "\n";
    return problems.empty() ? 0 : 1;
  }
  auto stats = WriteOutputs(f.out, *files);
  if (!stats) return fail(stats.error());
  if (!f.depfile.empty()) {
    std::vector<std::string> inputs(m.source_files.begin(), m.source_files.end());
    inputs.insert(inputs.end(), templates.override_files().begin(),
                  templates.override_files().end());
    if (auto ok = WriteDepfile(f.depfile, f.out, *files, inputs); !ok) return fail(ok.error());
  }
  err << fmt::format("kube-clientgen: {} files ({} written, {} unchanged) in {}\n", files->size(),
                     stats->written, stats->unchanged, f.out);
  if (freeze) {
    err << fmt::format("kube-clientgen: froze the deprecated snapshot in {}/{}\n", f.out,
                       SnapshotDir(Replace(f.root_namespace, "::", "/")));
  }
  return 0;
}

}  // namespace kube::gen
