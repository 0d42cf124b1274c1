#!/usr/bin/env bash
# End-to-end tests of `sluice policy ...` through the built binary.
# Usage: cli_test.sh SLUICE DATA_DIR WORK_DIR
set -uo pipefail

SLUICE=$1
DATA=$2
WORK=$3
mkdir -p "$WORK"
cd "$DATA" || exit 1

passed=0
failed=0
out=""
err=""
code=0

# run ARGS...: runs sluice, capturing stdout, stderr and the exit code.
run() {
  out=$("$SLUICE" "$@" 2>"$WORK/stderr")
  code=$?
  err=$(cat "$WORK/stderr")
}
ok() {
  passed=$((passed + 1))
}
bad() {
  failed=$((failed + 1))
  echo "FAIL: $1"
  echo "  exit: $code"
  echo "  stdout: $out"
  echo "  stderr: $err"
}
expect_code() { [ "$code" -eq "$2" ] && ok || bad "$1: expected exit $2"; }
expect_out() { [ "$out" == "$2" ] && ok || bad "$1: expected stdout [$2]"; }
expect_err_has() { [[ "$err" == *"$2"* ]] && ok || bad "$1: expected stderr to contain [$2]"; }

auth=(policy authorize --policies policies.cedar --entities entities.json)

run "${auth[@]}" --principal 'User::"alice"' --action 'Action::"read"' --resource 'Doc::"d1"' \
  --context context-mfa.json
expect_code "authorize allow" 0
expect_out "authorize allow" "ALLOW"
expect_err_has "authorize allow reasons" "reasons: policy0"

run "${auth[@]}" --principal 'User::"alice"' --action 'Action::"read"' --resource 'Doc::"d2"' \
  --context context-nomfa.json --json
expect_code "authorize deny" 3
compact=$(tr -d ' \n' <<<"$out")
[[ "$compact" == '{"decision":"deny","errors":[{"message":'*'"policy":"policy2"}],"reasons":[]}' ]] &&
  ok || bad "authorize --json deny with an erroring policy"

run --json "${auth[@]}" --request-json request.json
expect_code "request-json" 0
[[ $(tr -d ' \n' <<<"$out") == '{"decision":"allow","errors":[],"reasons":["policy0"]}' ]] &&
  ok || bad "--json before the subcommand"

run "${auth[@]}" --template-linked links.json --principal 'User::"bob"' \
  --action 'Action::"write"' --resource 'Doc::"d1"' --json
expect_code "template link allows" 0
[[ "$out" == *'"bob-writes-eng"'* ]] && ok || bad "link id is the reason"

run "${auth[@]}" --principal 'User::"bob"' --action 'Action::"write"' --resource 'Doc::"d1"'
expect_code "unlinked template does not apply" 3
expect_out "unlinked template does not apply" "DENY"

# Bad input: exit 1 with a clear message; usage errors exit 2.
run "${auth[@]}" --principal 'alice' --action 'Action::"read"' --resource 'Doc::"d1"'
expect_code "bad uid" 1
expect_err_has "bad uid" "--principal"
run policy authorize --policies missing.cedar --entities entities.json --request-json request.json
expect_code "missing file" 1
expect_err_has "missing file" "missing.cedar"
run policy authorize --policies bad.cedar --entities entities.json --request-json request.json
expect_code "policies that do not parse" 1
expect_err_has "policies that do not parse" "bad.cedar:2:"
run policy authorize --policies policies.cedar --entities policies.cedar --request-json request.json
expect_code "garbage entities" 1
expect_err_has "garbage entities" "policies.cedar"
run policy authorize --policies policies.cedar --entities entities.json
expect_code "no request" 2
run "${auth[@]}" --request-json request.json --principal 'User::"alice"'
expect_code "--request-json excludes --principal" 2
run policy authorize --entities entities.json --request-json request.json
expect_code "missing --policies" 2

# authorize-batch: one answer per non-blank line, errors inline, exit 1 if any.
run policy authorize-batch --policies policies.cedar --entities entities.json \
  --requests requests.jsonl
expect_code "batch with bad lines" 1
expected='{"decision":"allow","errors":[],"reasons":["policy0"]}
{"decision":"deny","errors":[{"message":MSG,"policy":"policy2"}],"reasons":[]}
{"error":"line 3: MSG"}
{"decision":"deny","errors":[],"reasons":[]}
{"decision":"deny","errors":[],"reasons":["policy1"]}
{"error":"line 7: MSG"}'
masked=$(sed -E 's/"message":"[^"]*"/"message":MSG/; s/"error":"(line [0-9]+): .*"}/"error":"\1: MSG"}/' <<<"$out")
[ "$masked" == "$expected" ] && ok || bad "batch answers [$masked]"
expect_err_has "batch summary" "2 of the requests"

run policy authorize-batch --policies policies.cedar --entities entities.json \
  --template-linked links.json --requests - <<<'{"principal":{"type":"User","id":"bob"},"action":{"type":"Action","id":"write"},"resource":{"type":"Doc","id":"d1"},"context":{}}'
expect_code "batch from stdin" 0
expect_out "batch from stdin" '{"decision":"allow","errors":[],"reasons":["bob-writes-eng"]}'

# With a schema: schema-directed parsing, entity and request validation.
sch=(--schema schema.cedarschema --entities entities-schema.json --policies policies.cedar)
run policy authorize "${sch[@]}" --validate-request --request-json request.json
expect_code "schema allow" 0
run policy authorize "${sch[@]}" --validate-request --principal 'Team::"eng"' \
  --action 'Action::"read"' --resource 'Doc::"d1"'
expect_code "request not valid for the schema" 1
run policy authorize "${sch[@]}" --principal 'Team::"eng"' --action 'Action::"read"' \
  --resource 'Doc::"d1"'
expect_code "without --validate-request the request is decided" 3
run policy authorize --schema schema.cedarschema --entities entities.json \
  --policies policies.cedar --request-json request.json
expect_code "entities that do not conform to the schema" 1
run policy authorize-batch "${sch[@]}" --validate-request --requests - <<<'{"principal":{"type":"Team","id":"eng"},"action":{"type":"Action","id":"read"},"resource":{"type":"Doc","id":"d1"},"context":{}}'
expect_code "batch request validation" 1
[[ "$out" == '{"error":"line 1: '* ]] && ok || bad "batch request validation line"

# check-parse
run policy check-parse --policies policies.cedar
expect_code "check-parse ok" 0
expect_out "check-parse ok" "policies.cedar: ok (3 policies, 1 templates)"
run policy check-parse --policies bad.cedar
expect_code "check-parse bad" 1
expect_err_has "check-parse bad" "bad.cedar:2:"
run policy check-parse --policies bad.cedar --json
expect_code "check-parse bad json" 1
[[ "$out" == *'"ok": false'* ]] && ok || bad "check-parse --json"

# format
run policy format unformatted.cedar
expect_code "format" 0
expect_out "format" '@id("a")
permit (
  principal == User::"a",
  action,
  resource
)
when { context.x > 1 && context.y };'
printf '%s\n' "$out" >"$WORK/formatted.cedar"
run policy format --check "$WORK/formatted.cedar"
expect_code "format --check formatted" 0
run policy format --check unformatted.cedar
expect_code "format --check unformatted" 1
run policy format "$WORK/formatted.cedar"
expect_out "format is idempotent" "$(cat "$WORK/formatted.cedar")"
run policy format bad.cedar
expect_code "format bad" 1
expect_err_has "format bad" "bad.cedar:2:"
cp unformatted.cedar "$WORK/rewrite.cedar"
run policy format --write "$WORK/rewrite.cedar"
expect_code "format --write" 0
cmp -s "$WORK/rewrite.cedar" "$WORK/formatted.cedar" && ok || bad "format --write rewrites"

# validate (strict type checking against the schema)
run policy validate --policies valid.cedar --schema schema.cedarschema
expect_code "validate ok" 0
run policy validate --policies policies.cedar --schema schema.cedarschema
expect_code "validate: optional attribute without has" 1
expect_err_has "validate names the policy" "policy0"
run policy validate --policies policies.cedar --schema schema.cedarschema --json
expect_code "validate --json" 1
[[ "$out" == *'"ok": false'* && "$out" == *'"policy": "policy0"'* ]] && ok || bad "validate --json"
run policy validate --policies valid.cedar --schema missing.cedarschema
expect_code "validate missing schema" 1

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
