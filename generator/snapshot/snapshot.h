// The frozen deprecated snapshot (`<root>/deprecated/`): `--freeze-deprecated` writes it once
// with a SNAPSHOT.json manifest (generator version, schema digest, the kinds and verbs it
// covers, and each file's SHA-256); every later run reads the files back and writes them again
// byte for byte, never regenerating them, so schema and generator changes reach only the
// context-first clientset. `--verify` compares the files with the recorded digests.
//
//   auto snapshot = ReadSnapshot(out, "acme");            // nullopt: never frozen
//   if (!*snapshot) FreezeSnapshot(files, model, "acme", "0.1.0");
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "emit/emit_context.h"
#include "kube/error.h"
#include "model/model.h"

namespace kube::gen {

inline constexpr const char* kSnapshotManifest = "SNAPSHOT.json";

// "acme/deprecated", where the snapshot of root path "acme" lives (relative to --out).
std::string SnapshotDir(const std::string& root_path);

struct Snapshot {
  std::string dir;  // SnapshotDir(), relative to --out
  nlohmann::json manifest;
  // The manifest and every file it lists that exists, with the bytes on disk.
  std::vector<OutputFile> files;
  // Files listed but gone (they cannot be regenerated).
  std::vector<std::string> missing;
  // "path: reason" for files that differ from their recorded digest or are not in the manifest.
  std::vector<std::string> edited;
};

// Reads the snapshot under `out_dir`; nullopt when it has none. Fails when SNAPSHOT.json exists
// but is not a manifest this generator understands.
Result<std::optional<Snapshot>> ReadSnapshot(const std::string& out_dir,
                                             const std::string& root_path);

// Freezes the snapshot files among `files` (those under SnapshotDir) by appending SNAPSHOT.json.
void FreezeSnapshot(std::vector<OutputFile>& files, const model::Model& model,
                    const std::string& root_namespace, const std::string& generator_version);

// Fails, naming the kind and verb, when the snapshot covers one the model no longer has: its
// calls would no longer compile against the context-first clientset.
Result<void> CheckSnapshotCovered(const Snapshot& snapshot, const model::Model& model);

// The verbs a kind's typed client has, as SNAPSHOT.json names them ("create", "getScale").
std::vector<std::string> ClientVerbs(const model::Kind& k);

}  // namespace kube::gen
