# Helpers the shell tests source.

# has [GREP_OPTIONS] PATTERN: whether standard input matches, reading all of it first. `grep -q`
# stops at the first match, and under pipefail the writer's SIGPIPE then fails the pipeline
# (kubectl explain did, on CI).
has() { local input; input=$(cat); grep -q "$@" <<<"$input"; }

# fails COMMAND...: succeeds only when COMMAND fails. `! COMMAND` cannot be used for a check:
# set -e ignores the status of a negated pipeline.
fails() {
  if "$@"; then
    echo "expected to fail: $*" >&2
    return 1
  fi
}
