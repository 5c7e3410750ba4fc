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

# CSV with a header: every column under its header's name.
printf '%s\n' 'name,email,"home street",notes' \
    'Ana Trujillo,ana@example.com,12 Main St,"said ""hi"",' \
    'then left"' 'John Smith,john@example.org,"Hauptstraße 5",' \
    'Mary Garcia,mary@example.net,Via Roma 10,ok' \
    'Luca Rossi,luca@example.com,"Calle Mayor, 3",' \
    'Emma Miller,emma@example.com,221B Baker Street,' \
    'James Brown,j.brown@example.org,8 Johnstown Road,x' >"$tmp/people.csv"
json=$($PGSIFT classify --csv --format json "$tmp/people.csv")
is "$?" 0 "classify --csv exits 0"
is "$(echo "$json" | jq -r '[.[] | "\(.column)=\(.rows_sampled):\([.classifications[]
    | select(.likelihood == "VERY_LIKELY") | .type] | join("+"))"] | join(" ")')" \
    "name=6:PERSON_NAME email=6:EMAIL_ADDRESS home street=6:STREET_ADDRESS notes=3:" \
    "each CSV column is classified under its header (quotes, commas and line breaks in fields)"
$PGSIFT classify --csv "$tmp/people.csv" | grep -q -e 'example' -e 'Trujillo'
is "$?" 1 "classify --csv prints no value"
out=$(printf 'a,b\n1,2,3\n' | $PGSIFT classify --csv 2>&1)
is "$?" 2 "a record with more fields than the header: exit status 2"
is "$out" "pgsift: error: standard input: line 2: 3 fields, but the header has 2" \
    "...and the line is named"
out=$(printf 'a,b\n"1,2\n' | $PGSIFT classify --csv 2>&1)
is "$out" "pgsift: error: standard input: line 2: a quoted field is never closed" \
    "an unclosed quote is named with the line it starts on"
$PGSIFT classify --csv --column-name x "$tmp/people.csv" 2>/dev/null
is "$?" 2 "--column-name does not go with --csv"

tap_done
