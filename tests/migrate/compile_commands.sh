# Sourced by the migration tests and benchmark.
# write_compile_commands DIR FLAGS_ARRAY_NAME FILES...: DIR/compile_commands.json compiling each
# file in DIR with clang++ and the flags of the named array, as a build tree would list them.
write_compile_commands() {
  local dir=$1 f
  local -n flags_ref=$2
  shift 2
  local entries=()
  for f in "$@"; do
    entries+=("{\"directory\": \"$dir\", \"file\": \"$f\", \"arguments\": [\"clang++\", $(printf '"%s", ' "${flags_ref[@]}")\"-c\", \"$f\"]}")
  done
  (IFS=,; echo "[${entries[*]}]") >"$dir/compile_commands.json"
}
