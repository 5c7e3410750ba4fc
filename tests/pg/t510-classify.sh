#!/bin/bash
# t510-classify: "pgsift classify" and "pgsift rules list", which need no
# database: decisions on values from a file or standard input, JSON
# output, errors, and no value ever printed.
. "$top_srcdir/tests/lib/tap.sh"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pgsift-classify.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

printf '%s\n' alice@example.com bob@example.org carol@example.net \
    dave@example.com erin@example.org >"$tmp/emails"
out=$($PGSIFT classify --column-name contact_email "$tmp/emails")
is "$?" 0 "classify exits 0"
echo "$out" | grep -q '^EMAIL_ADDRESS  *VERY_LIKELY'
ok $? "five addresses under contact_email are EMAIL_ADDRESS, VERY_LIKELY"
echo "$out" | grep -q 'evidence values,column_name tokens email'
ok $? "...with the evidence and the name token shown"
echo "$out" | grep -q 'example'
is "$?" 1 "no value is printed"

json=$($PGSIFT classify --format json --column-name c2 <"$tmp/emails")
is "$(echo "$json" | jq -r '.classifications[0].type')" EMAIL_ADDRESS \
    "--format json reads standard input and prints the report's fields"
is "$(echo "$json" | jq -r '.classifications[0].evidence | join(",")')" \
    values "...an opaque name adds no name evidence"
is "$(echo "$json" | jq -r '.rows_sampled')" 5 "...and counts the values"

printf '%s\n' 4111111111111112 5555555555554445 378282246310006 \
    6011111111111118 3530111333300001 >"$tmp/orders"
$PGSIFT classify --column-name order_no "$tmp/orders" >"$tmp/out"
grep -q 'CREDIT_CARD_NUMBER' "$tmp/out"
is "$?" 1 "Luhn-failing numbers are not card numbers"

$PGSIFT classify "$tmp/missing" 2>"$tmp/err"
is "$?" 5 "a missing input file exits 5"
grep -q '^pgsift: error: could not open' "$tmp/err"
ok $? "...with a one-line error"
$PGSIFT classify --format xml "$tmp/emails" 2>/dev/null
is "$?" 2 "an unknown format exits 2"

n=$($PGSIFT rules list --format json | jq length)
v=$(ls "$top_srcdir"/tests/vectors/*.txt | wc -l)
is "$n" "$v" "rules list shows every type, one per vectors file"
$PGSIFT rules list | grep -q '^CREDIT_CARD_NUMBER .*highly_confidential'
ok $? "rules list shows each type's sensitivity"
$PGSIFT rules bogus 2>/dev/null
is "$?" 2 "an unknown rules command exits 2"

tap_done
