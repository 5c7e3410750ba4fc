#!/bin/bash
# t520-rules: rules files (docs/rules.md) with "pgsift rules check",
# "rules list --rules" and "classify --rules": custom types from patterns,
# dictionaries and validators, built-in types turned off or given
# thresholds, errors with file and position, and a catastrophic pattern
# that cannot hang. Needs no database.
. "$top_srcdir/tests/lib/tap.sh"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pgsift-rules.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
rules=$top_srcdir/tests/fixtures/rules/acme.json

out=$($PGSIFT rules check "$rules")
is "$?" 0 "rules check accepts the example file"
is "$out" "1 rules file good: 3 custom types, 2 built-in types changed" \
    "...and says what it defines"

list=$($PGSIFT rules list --rules "$rules" --format json)
is "$?" 0 "rules list --rules exits 0"
is "$(echo "$list" | jq -r '.[] | select(.type == "ACME_DEPARTMENT")
    | "\(.source | test("acme.json$")) \(.dictionary_entries) \(.sensitivity)"')" \
    "true 4 general" "a custom type: its file, its dictionary (inline and file), its sensitivity"
is "$(echo "$list" | jq -r '.[] | select(.type == "GENDER") | .enabled')" \
    false "a built-in type can be turned off"
is "$(echo "$list" | jq -r '.[] | select(.type == "EMAIL_ADDRESS")
    | "\(.min_share) \(.sensitivity)"')" "0.9 highly_confidential" \
    "a built-in type's threshold and sensitivity can be changed"
is "$($PGSIFT rules list --format json | jq '[.[] | select(.source != "built-in")] | length')" \
    0 "without --rules, only built-in types"

for i in $(seq 1 40); do printf 'E-%06d\n' $((i * 7919 % 1000000)); done \
    >"$tmp/emp"
out=$($PGSIFT classify --rules "$rules" --column-name emp_no "$tmp/emp")
echo "$out" | grep -q '^ACME_EMPLOYEE_ID  *VERY_LIKELY .*evidence values,column_name tokens emp_no'
ok $? "a custom pattern with its column-name pattern: VERY_LIKELY"
head -n 3 "$tmp/emp" >"$tmp/emp3"
for i in $(seq 1 20); do echo "E-000001"; echo "x$i"; done >>"$tmp/emp3"
out=$($PGSIFT classify --rules "$rules" --column-name emp_no "$tmp/emp3")
echo "$out" | grep -q '^ACME_EMPLOYEE_ID  *\(POSSIBLE\|UNLIKELY\)'
ok $? "below min_share and min_distinct, at most POSSIBLE"
printf '%s\n' Finance research SALES Legal Finance Sales Legal >"$tmp/dept"
out=$($PGSIFT classify --rules "$rules" "$tmp/dept")
echo "$out" | grep -q '^ACME_DEPARTMENT  *VERY_LIKELY'
ok $? "dictionary entries match in any case"
for i in $(seq 1 30); do echo "79927398713"; echo "4992739871$((i % 10))"; done \
    | awk '{ print "0" $0 }' >"$tmp/loyal"
out=$($PGSIFT classify --rules "$rules" --data-type bigint "$tmp/loyal")
echo "$out" | grep -q '^LOYALTY_CARD'
ok $? "a custom type with a built-in validator (luhn), allowed in bigint"
printf '%s\n' male female female male male female >"$tmp/gender"
out=$($PGSIFT classify --rules "$rules" --column-name gender "$tmp/gender")
echo "$out" | grep -q GENDER
is "$?" 1 "a turned-off built-in type is not reported"
out=$($PGSIFT classify --column-name gender "$tmp/gender")
echo "$out" | grep -q GENDER
ok $? "...and is again without the rules file"

# Errors: one line, the file, and where.
check_err() {
	local name=$1 text=$2 want=$3 msg=$4 out rc
	printf '%s' "$text" >"$tmp/$name.json"
	out=$($PGSIFT rules check "$tmp/$name.json" 2>&1)
	rc=$?
	is "$rc" 2 "$msg: exit status 2"
	case $out in
	*"$want"*) ok 0 "$msg: \"$want\"" ;;
	*) ok 1 "$msg: \"$want\""; diag "got: $out" ;;
	esac
}
check_err syntax $'{\n  "rules": [\n    { "id": "X1", "pattern": "ab", }\n  ]\n}\n' \
    "syntax.json:3:37: not valid JSON" "a JSON syntax error gives line and column"
check_err pattern '{ "rules": [ { "id": "X1", "pattern": "a(b" } ] }' \
    "pattern.json:1:28: rules[0].pattern: bad pattern at offset 3: missing closing parenthesis" \
    "a bad pattern gives PCRE2's message and offset"
check_err namepat '{ "rules": [ { "id": "X1", "pattern": "x", "column_name_pattern": "[" } ] }' \
    "rules[0].column_name_pattern: bad pattern at offset 1" \
    "a bad column-name pattern too"
check_err typo '{ "rules": [ { "id": "X2", "patern": "x" } ] }' \
    'typo.json:1:28: rules[0]: unknown key "patern"' "a misspelt key is refused, pointed at"
check_err builtin_id '{ "rules": [ { "id": "EMAIL_ADDRESS", "pattern": "x" } ] }' \
    "id is a built-in type" "a rule cannot redefine a built-in type"
check_err twice '{ "rules": [ { "id": "A1", "pattern": "x" }, { "id": "A1", "pattern": "y" } ] }' \
    "twice.json:1:48: rules[1]: id is already defined" "ids are unique"
check_err validator '{ "rules": [ { "id": "X3", "validator": "crc" } ] }' \
    'validator.json:1:28: rules[0]: unknown validator "crc", not one of luhn' "an unknown validator lists the known ones"
check_err share '{ "rules": [ { "id": "X4", "pattern": "x", "min_share": 2 } ] }' \
    "share.json:1:44: rules[0]: min_share must be a number in (0, 1]" "min_share is checked"
check_err nothing '{ "rules": [ { "id": "X5" } ] }' \
    "needs a pattern, a dictionary or a validator" "a rule must test something"
check_err nodict '{ "rules": [ { "id": "D1", "dictionary_file": "nosuch.txt" } ] }' \
    'nodict.json:1:28: rules[0].dictionary_file: '"$tmp"'/nosuch.txt: No such file or directory' \
    "a missing dictionary file is named with the rule that wants it"
check_err dirdict '{ "rules": [ { "id": "D2", "dictionary_file": "/" } ] }' \
    'dirdict.json:1:28: rules[0].dictionary_file: /: Is a directory' \
    "a directory is no dictionary file"
check_err unknown_builtin '{ "builtin": { "NOPE": { "enabled": false } } }' \
    "unknown_builtin.json:1:16: builtin.NOPE: not a built-in type" "overrides name built-in types"
check_err nodict '{ "rules": [ { "id": "X6", "dictionary_file": "none.txt" } ] }' \
    "none.txt: No such file or directory" "a missing dictionary file is named"
out=$($PGSIFT rules check "$tmp/absent.json" 2>&1)
is "$?" 2 "a missing rules file: exit status 2"
out=$($PGSIFT scan --rules "$tmp/typo.json" --catalog "$tmp/c.db" \
    "host=/nonexistent" 2>&1)
is "$?" 2 "scan refuses a bad rules file before connecting"
[ -e "$tmp/c.db" ]
is "$?" 1 "...and writes no catalog"

# A catastrophic pattern gives up on a value instead of hanging.
printf '{ "rules": [ { "id": "SLOW", "pattern": "(a|aa)+(b|c)" } ] }' \
    >"$tmp/slow.json"
for i in $(seq 1 50); do printf 'a%.0s' $(seq 1 60); echo; done >"$tmp/slow"
out=$($PGSIFT classify --rules "$tmp/slow.json" "$tmp/slow")
is "$?" 0 "a catastrophic pattern on 50 long values returns"
echo "$out" | grep -q SLOW
is "$?" 1 "...with no match claimed"

tap_done
