#include "snapshot/snapshot.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "emit/verbs.h"
#include "snapshot/sha256.h"

namespace kube::gen {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::optional<std::string> ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The digest of the schemas the snapshot was frozen from: their contents in path order (not
// their paths, which depend on where the generator ran).
std::string SchemaDigest(const model::Model& model) {
  std::string all;
  for (const auto& file : model.source_files) {
    std::string content = ReadFile(file).value_or("");
    all += fmt::format("{}\n", content.size()) + content;
  }
  return "sha256:" + Sha256Hex(all);
}

std::string KindKey(const std::string& group, const std::string& version, const std::string& kind) {
  return fmt::format("{}/{}, Kind={}", group.empty() ? "core" : group, version, kind);
}

Error BadManifest(const fs::path& path, const std::string& what) {
  return Error::InvalidArgument(fmt::format(
      "{}: {}; restore it from version control, or delete {} and run with --freeze-deprecated "
      "to freeze a new snapshot",
      path.string(), what, path.parent_path().string()));
}

}  // namespace

std::string SnapshotDir(const std::string& root_path) { return root_path + "/deprecated"; }

std::vector<std::string> ClientVerbs(const model::Kind& k) {
  std::vector<std::string> verbs;
  for (const auto& m : Methods(k, "")) {  // only the names matter here
    std::string verb = m.name;
    verb[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(verb[0])));
    verbs.push_back(verb);
  }
  return verbs;
}

Result<std::optional<Snapshot>> ReadSnapshot(const std::string& out_dir,
                                             const std::string& root_path) {
  Snapshot s;
  s.dir = SnapshotDir(root_path);
  fs::path dir = fs::path(out_dir) / s.dir;
  fs::path manifest_path = dir / kSnapshotManifest;
  auto text = ReadFile(manifest_path);
  if (!text) return std::nullopt;
  s.manifest = json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (s.manifest.is_discarded() || !s.manifest.is_object() || !s.manifest.contains("files") ||
      !s.manifest["files"].is_object() || !s.manifest.contains("kinds") ||
      !s.manifest["kinds"].is_array()) {
    return Fail(BadManifest(manifest_path, "not a deprecated snapshot manifest (edited?)"));
  }
  s.files.push_back({s.dir + "/" + kSnapshotManifest, std::move(*text)});
  std::set<std::string> listed;
  for (const auto& [name, digest] : s.manifest["files"].items()) {
    std::string path = s.dir + "/" + name;
    listed.insert(path);
    auto content = ReadFile(fs::path(out_dir) / path);
    if (!content) {
      s.missing.push_back(path);
      continue;
    }
    if (!digest.is_string() || digest.get<std::string>() != "sha256:" + Sha256Hex(*content)) {
      s.edited.push_back(path + ": edited: it differs from the digest in " + s.dir + "/" +
                         kSnapshotManifest + " (a frozen snapshot never changes)");
    }
    s.files.push_back({path, std::move(*content)});
  }
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::string path = s.dir + "/" + fs::relative(it->path(), dir).generic_string();
    if (path != s.dir + "/" + kSnapshotManifest && !listed.count(path)) {
      s.edited.push_back(path + ": not part of the frozen snapshot (" + kSnapshotManifest +
                         " does not list it)");
    }
  }
  std::sort(s.edited.begin(), s.edited.end());
  return s;
}

void FreezeSnapshot(std::vector<OutputFile>& files, const model::Model& model,
                    const std::string& root_namespace, const std::string& generator_version) {
  std::string prefix = SnapshotDir(Replace(root_namespace, "::", "/")) + "/";
  json digests = json::object();
  for (const auto& f : files) {
    if (f.path.starts_with(prefix)) {
      digests[f.path.substr(prefix.size())] = "sha256:" + Sha256Hex(f.content);
    }
  }
  json kinds = json::array();
  for (const auto& [gname, g] : model.groups) {
    for (const auto& [vname, v] : g.versions) {
      for (const auto& k : v.kinds) {
        kinds.push_back({{"group", gname},
                         {"version", vname},
                         {"kind", k.name},
                         {"resource", k.plural},
                         {"verbs", ClientVerbs(k)}});
      }
    }
  }
  json manifest = {
      {"about",
       "The deprecated (pre-context) API, frozen by kube-clientgen --freeze-deprecated. Later "
       "runs keep these files byte for byte and --verify reports any edit; kinds and verbs "
       "added to the schemas appear only in the context-first clientset. Delete this directory "
       "and run with --freeze-deprecated again to freeze anew."},
      {"generator", "kube-clientgen"},
      {"generator_version", generator_version},
      {"root_namespace", root_namespace},
      {"schema_digest", SchemaDigest(model)},
      {"kinds", kinds},
      {"files", digests}};
  files.push_back({prefix + kSnapshotManifest, manifest.dump(2) + "\n"});
  std::sort(files.begin(), files.end(),
            [](const auto& a, const auto& b) { return a.path < b.path; });
}

Result<void> CheckSnapshotCovered(const Snapshot& snapshot, const model::Model& model) {
  std::map<std::string, std::set<std::string>> have;
  for (const auto& [gname, g] : model.groups) {
    for (const auto& [vname, v] : g.versions) {
      for (const auto& k : v.kinds) {
        auto verbs = ClientVerbs(k);
        have[KindKey(gname, vname, k.name)] = {verbs.begin(), verbs.end()};
      }
    }
  }
  for (const auto& k : snapshot.manifest["kinds"]) {
    std::string key = KindKey(k.value("group", ""), k.value("version", ""), k.value("kind", ""));
    auto it = have.find(key);
    std::string gone;
    if (it == have.end()) {
      gone = key;
    } else {
      for (const auto& verb : k.value("verbs", json::array())) {
        if (verb.is_string() && !it->second.count(verb.get<std::string>())) {
          gone = fmt::format("{} verb \"{}\"", key, verb.get<std::string>());
          break;
        }
      }
    }
    if (!gone.empty()) {
      return Fail(Error::InvalidArgument(fmt::format(
          "the frozen deprecated snapshot in {} covers {}, which the schemas no longer define "
          "(the snapshot would not compile): restore it in the schemas, or delete {} (and run "
          "with --freeze-deprecated to freeze anew)",
          snapshot.dir, gone, snapshot.dir)));
    }
  }
  return {};
}

}  // namespace kube::gen
