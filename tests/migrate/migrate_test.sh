#!/usr/bin/env bash
# End-to-end tests of kube-clientgen-migrate on the legacy corpus; one ctest test per case.
#   migrate_test.sh CASE TOOL SOURCE_DIR CLANG_BIN_DIR WORK_DIR [TIDY_PLUGIN]
# The corpus is copied to WORK_DIR/CASE with a compile_commands.json, so the tool is driven as
# a user drives it (-p BUILD_DIR) and the checked-in files are never touched.
set -euo pipefail
case_name=$1 tool=$2 src=$3 clang_bin=$4 work=$5/$1
here=$src/tests/migrate
include_flags=(-std=c++20 "-I$src/runtime/include" "-I$src/generated")

# shellcheck source=compile_commands.sh
source "$here/compile_commands.sh"

fail() { echo "FAIL ($case_name): $*" >&2; exit 1; }

# Copies a directory of sources to $work/tree and writes the compile database for them.
setup() {
  rm -rf "$work" && mkdir -p "$work/tree"
  cp "$1"/* "$work/tree/"
  # Changed lines are re-formatted with the style the sources are written in.
  cp "$src/.clang-format" "$work/tree/"
  write_compile_commands "$work/tree" include_flags "$work"/tree/*.cc
}

migrate() { "$tool" -p "$work/tree" "$@"; }

same_as() {  # same_as EXPECTED_DIR: every expected file matches the tree
  local f
  for f in "$1"/*; do
    diff -u "$f" "$work/tree/$(basename "$f")" || fail "$(basename "$f") differs from $f"
  done
}

case "$case_name" in
  golden)  # -i rewrites the corpus to exactly the expected files; notes name the sites left
    setup "$here/corpus"
    migrate -i -j 2 "$work/tree/controller.cc" "$work/tree/cleanup.cc" 2>"$work/stderr" ||
      { cat "$work/stderr"; fail "tool failed"; }
    cat "$work/stderr"
    same_as "$here/expected"
    grep -q "cleanup.cc:[0-9]*:[0-9]*: note: call to Delete is spelled in a macro body" "$work/stderr" ||
      fail "no note for the macro body"
    grep -q "cleanup.cc:[0-9]*:[0-9]*: note: call to List on a deprecated client depends on a template parameter" \
      "$work/stderr" || fail "no note for the dependent call"
    grep -Eq '^\[[12]/2\] .*cleanup.cc: [0-9]+ rewritten, 2 left$' "$work/stderr" ||
      fail "no progress line for cleanup.cc"
    grep -q "^kube-clientgen-migrate: 2 files, " "$work/stderr" || fail "no summary"
    ;;
  diff)  # the default prints a unified diff and leaves the files alone
    setup "$here/corpus"
    migrate "$work/tree/controller.cc" >"$work/diff" 2>/dev/null || fail "tool failed"
    grep -q '^+++ b/.*controller.cc$' "$work/diff" || fail "no diff for controller.cc"
    grep -q '^+++ b/.*flunder_util.h$' "$work/diff" || fail "no diff for the header"
    diff -q "$here/corpus/controller.cc" "$work/tree/controller.cc" >/dev/null ||
      fail "diff mode changed a file"
    (cd "$work/tree" && patch -s -p1 --directory=/ <"$work/diff") || fail "the diff does not apply"
    ;;
  idempotent)  # a second run over migrated code (the reported sites fixed) changes nothing
    setup "$here/expected"
    patch -s -p1 -d "$work/tree" <"$here/hand_fixes.patch" || fail "hand_fixes.patch does not apply"
    cp -r "$work/tree" "$work/before"
    migrate -i "$work/tree/controller.cc" "$work/tree/cleanup.cc" 2>"$work/stderr" ||
      { cat "$work/stderr"; fail "tool failed"; }
    grep -q " 0 sites rewritten, 0 left alone, 0 files changed" "$work/stderr" ||
      { cat "$work/stderr"; fail "second run did something"; }
    diff -r "$work/before" "$work/tree" || fail "second run changed files"
    migrate "$work/tree/controller.cc" "$work/tree/cleanup.cc" 2>/dev/null >"$work/diff"
    [[ ! -s "$work/diff" ]] || { cat "$work/diff"; fail "second run printed a diff"; }
    ;;
  export_fixes)  # two processes, one unit each; clang-apply-replacements edits the header once
    setup "$here/corpus"
    mkdir -p "$work/fixes"
    migrate --export-fixes "$work/fixes/controller.yaml" "$work/tree/controller.cc" 2>/dev/null
    migrate --export-fixes "$work/fixes/cleanup.yaml" "$work/tree/cleanup.cc" 2>/dev/null
    grep -q "BuildDirectory: *'\?$work/tree" "$work/fixes/controller.yaml" || fail "no BuildDirectory"
    grep -q "FilePath: *'\?$work/tree/flunder_util.h" "$work/fixes/cleanup.yaml" ||
      fail "the header's fixes are missing or not absolute"
    "$clang_bin/clang-apply-replacements" "$work/fixes" || fail "clang-apply-replacements failed"
    same_as "$here/expected"
    ;;
  compiles)  # the migrated corpus, with the two reported sites fixed by hand, builds against
             # the context-first API (no deprecated declaration may be used)
    setup "$here/expected"
    patch -s -p1 -d "$work/tree" <"$here/hand_fixes.patch" || fail "hand_fixes.patch does not apply"
    for f in "$work"/tree/*.cc; do
      "$clang_bin/clang++" -fsyntax-only -std=c++20 "-I$src/runtime/include" "-I$src/generated" \
        -Werror=deprecated-declarations "$f" || fail "$(basename "$f") does not compile"
    done
    ;;
  to_deprecated)  # code broken by the upgrade compiles again against the snapshot
    setup "$here/upgrade"
    migrate --to=deprecated -i "$work/tree/legacy_client.cc" 2>"$work/stderr" ||
      { cat "$work/stderr"; fail "tool failed"; }
    same_as "$here/expected_upgrade"
    "$clang_bin/clang++" -fsyntax-only "${include_flags[@]}" -Wno-deprecated-declarations \
      "$work/tree/legacy_client.cc" || fail "not compiling after --to=deprecated"
    # And back: the context migration of the re-pointed code is the context-first original.
    migrate -i "$work/tree/legacy_client.cc" 2>/dev/null || fail "--to=context failed"
    "$clang_bin/clang++" -fsyntax-only -std=c++20 "-I$src/runtime/include" "-I$src/generated" \
      -Werror=deprecated-declarations "$work/tree/legacy_client.cc" ||
      fail "not compiling after the round trip"
    ;;
  k8s)  # a pod and deployment controller on k8s::deprecated (scale subresource included)
    setup "$here/k8s"
    migrate -i "$work/tree/pod_controller.cc" 2>"$work/stderr" || { cat "$work/stderr"; fail "tool failed"; }
    same_as "$here/expected_k8s"
    "$clang_bin/clang++" -fsyntax-only -std=c++20 "-I$src/runtime/include" "-I$src/generated" \
      -Werror=deprecated-declarations "$work/tree/pod_controller.cc" ||
      fail "the migrated controller does not compile"
    ;;
  side_effects)  # a DeleteOptions pointer with side effects would be evaluated twice: left
    setup "$here/corpus"
    cat >"$work/tree/effects.cc" <<'CC'
#include "sample/deprecated/clientset.h"
const kube::DeleteOptions* NextOptions();
void Drop(sample::deprecated::typed::wardle::v1beta1::FlunderInterface& f) {
  f.Delete("a", NextOptions());
}
CC
    sed -i "s#controller.cc#effects.cc#g" "$work/tree/compile_commands.json"
    cp "$work/tree/effects.cc" "$work/effects.cc"
    migrate -i "$work/tree/effects.cc" 2>"$work/stderr" || { cat "$work/stderr"; fail "tool failed"; }
    grep -q "effects.cc:4:17: note: the DeleteOptions pointer has side effects" "$work/stderr" ||
      { cat "$work/stderr"; fail "no note"; }
    grep -q 'f.Delete("a", NextOptions());' "$work/tree/effects.cc" || fail "the call was changed"
    grep -q "effects.cc: 2 rewritten, 1 left" "$work/stderr" || { cat "$work/stderr"; fail "counts"; }
    ;;
  wrapped_clientset)  # a Clientset variable holding NewFromClientset(x) is declared Interface
    setup "$here/corpus"
    cat >"$work/tree/wrapped.cc" <<'CC'
#include "sample/clientset/fake/clientset.h"
#include "sample/deprecated/clientset.h"
bool Wrapped() {
  auto fake = sample::clientset::fake::NewSimpleClientset();
  std::shared_ptr<sample::deprecated::Clientset> cs = sample::deprecated::NewFromClientset(fake);
  return cs->WardleV1beta1().Flunders("default")->List(kube::ListOptions{}).has_value();
}
CC
    sed -i "s#controller.cc#wrapped.cc#g" "$work/tree/compile_commands.json"
    migrate -i "$work/tree/wrapped.cc" 2>"$work/stderr" || { cat "$work/stderr"; fail "tool failed"; }
    grep -q 'std::shared_ptr<sample::clientset::Interface> cs = fake;' "$work/tree/wrapped.cc" ||
      { cat "$work/tree/wrapped.cc"; fail "the declared type was not made the interface"; }
    "$clang_bin/clang++" -fsyntax-only "${include_flags[@]}" -Werror=deprecated-declarations \
      "$work/tree/wrapped.cc" || fail "the migrated file does not compile"
    ;;
  parse_error)  # a file that does not parse is an error naming its first error; others go on
    setup "$here/corpus"
    printf '#include "sample/deprecated/clientset.h"\nint broken( {\n' >"$work/tree/broken.cc"
    setup_db=$(sed "s#controller.cc#broken.cc#g" "$work/tree/compile_commands.json")
    echo "$setup_db" >"$work/tree/compile_commands.json"
    if migrate -i "$work/tree/broken.cc" 2>"$work/stderr"; then fail "exit status 0"; fi
    grep -q "broken.cc:2:[0-9]*: error: " "$work/stderr" || { cat "$work/stderr"; fail "error not named"; }
    ;;
  tidy_plugin)  # the same rules loaded into clang-tidy-16 give the same files
    setup "$here/corpus"
    "$clang_bin/clang-tidy" --load="$6" --checks='-*,kube-migrate-context-first' -p "$work/tree" \
      --header-filter="$work/tree/.*" --fix --format-style=file --quiet \
      "$work/tree/controller.cc" "$work/tree/cleanup.cc" >"$work/out" 2>&1 ||
      { cat "$work/out"; fail "clang-tidy failed"; }
    same_as "$here/expected"
    ;;
  *) fail "unknown case" ;;
esac
echo "ok ($case_name)"
