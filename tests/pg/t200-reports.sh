#!/bin/bash
# t200-reports: the report formats other tools ingest (csv, ndjson,
# markdown) and the labels rolled up in the JSON report, on a real scan
# with identifiers that need quoting in every format.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/pgtmp.sh"
pgtmp_start 5200
pgtmp_createdb shop
pgtmp_psql shop -q <<'SQL'
CREATE SCHEMA "Sales|EU";
CREATE TABLE "Sales|EU"."we""ird, table" (id int, "e-mail" text, "card
number" text);
INSERT INTO "Sales|EU"."we""ird, table" SELECT i, 'user' || i || '@example.com',
	(ARRAY['4111111111111111', '5555555555554444', '378282246310005',
	    '6011111111111117', '4012888888881881', '5105105105105100',
	    '4242424242424242', '5200828282828210', '371449635398431',
	    '6011000990139424'])[1 + i % 10] FROM generate_series(1, 50) i;
CREATE TABLE public.plain (id int, note text);
INSERT INTO public.plain SELECT i, 'nothing' FROM generate_series(1, 50) i;
SQL
cat=$PGTMP/pgsift.db
$PGSIFT scan --quiet --catalog "$cat" dbname=shop 2>"$PGTMP/err"
is "$?" 0 "the scan completes"

$PGSIFT report --catalog "$cat" --format csv --output "$PGTMP/r.csv"
is "$?" 0 "report --format csv"
is "$(head -n 1 "$PGTMP/r.csv" | tr -d '\r')" \
    "source,database,schema,table,column,json_path,data_type,type,likelihood,score,match_ratio,sensitivity,evidence,lineage,review" \
    "the CSV header"
# Parse the CSV with a real RFC 4180 reader (a small awk one would not
# handle the line break inside a quoted field): count its records.
records=$(LC_ALL=C awk 'BEGIN { RS = "\r\n" } { n++ } END { print n }' "$PGTMP/r.csv")
is "$records" 3 "a header and one record per finding (CRLF records, one field holding a LF)"
grep -q '"we""ird, table"' "$PGTMP/r.csv"
ok $? "a table name with a quote and a comma is quoted, its quote doubled"
grep -q '^[^,]*,shop,Sales|EU,' "$PGTMP/r.csv"
ok $? "a schema name with | needs no quoting in CSV"

$PGSIFT report --catalog "$cat" --format ndjson --output "$PGTMP/r.ndjson"
is "$(wc -l <"$PGTMP/r.ndjson" | tr -d ' ')" 2 "ndjson: one line per finding"
is "$(jq -rs 'map("\(.table)|\(.column)|\(.type)") | sort | join(";")' \
    "$PGTMP/r.ndjson")" \
    'we"ird, table|card
number|CREDIT_CARD_NUMBER;we"ird, table|e-mail|EMAIL_ADDRESS' \
    "...each line a JSON object with the names as they are"

$PGSIFT report --catalog "$cat" --format markdown --output "$PGTMP/r.md"
grep -q '^| EMAIL_ADDRESS | 1 |$' "$PGTMP/r.md"
ok $? "markdown: counts by type"
grep -q 'Sales\\|EU' "$PGTMP/r.md"
ok $? "...with | escaped inside table cells"
is "$(grep -c '^| .*shop\.' "$PGTMP/r.md")" 2 "...and one row per finding, on one line each"

$PGSIFT report --catalog "$cat" --output "$PGTMP/r.json"
is "$(jq -r '.labels.tables[] | "\(.schema).\(.table)=\(.label)"' "$PGTMP/r.json")" \
    'Sales|EU.we"ird, table=highly_confidential' \
    "the table's label is the highest its columns hold (a card number)"
is "$(jq -r '.labels.databases[0].label, .labels.sources[0].label' "$PGTMP/r.json" | tr '\n' ' ')" \
    "highly_confidential highly_confidential " "...and it rolls up to the database and the source"
is "$(jq '[.labels.tables[] | select(.table == "plain")] | length' "$PGTMP/r.json")" 0 \
    "a table holding nothing sensitive has no label"
is "$(sqlite3 "$cat" "SELECT level || '=' || label FROM labels WHERE scan_id = 1 ORDER BY level" | tr '\n' ' ')" \
    "database=highly_confidential schema=highly_confidential source=highly_confidential table=highly_confidential " \
    "the catalog's labels view holds the same roll-up"
# The JSON report against its schema (docs/report.schema.json).
if /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; then
	validate() { /usr/bin/python3 "$top_srcdir/tests/lib/validate-json.py" \
	    "$top_srcdir/docs/report.schema.json" "$1"; }
	out=$(validate "$PGTMP/r.json")
	ok $? "the JSON report is valid against docs/report.schema.json"
	[ -n "$out" ] && diag "$out"
	jq '.columns[0].classifications = [{"type": "X", "likelihood": "SURE"}]' \
	    "$PGTMP/r.json" >"$PGTMP/bad.json"
	validate "$PGTMP/bad.json" >/dev/null
	is "$?" 1 "...and the check is real: a broken report is not"
elif [ "${CI:-}" = true ]; then
	echo "Bail out! python3-jsonschema is missing"
	exit 1
else
	skip "no python3-jsonschema to validate the JSON report"
	skip "no python3-jsonschema to validate the JSON report"
fi
$PGSIFT report --catalog "$cat" --format xml 2>/dev/null
is "$?" 2 "an unknown format is a usage error"
# Masked examples: none unless asked for; when asked, masked.
is "$(jq '[.columns[].classifications[] | select(.examples)] | length' "$PGTMP/r.json")" 0 \
    "without --examples, the report holds no example"
$PGSIFT scan --quiet --full --examples 2 --catalog "$cat" dbname=shop 2>/dev/null
$PGSIFT report --catalog "$cat" --output "$PGTMP/ex.json"
is "$(jq -r '.columns[] | select(.column == "e-mail") | .classifications[0].examples | length' \
    "$PGTMP/ex.json")" 2 "with --examples 2, two examples per finding"
is "$(jq -r '.columns[] | select(.column == "e-mail") | .classifications[0].examples[]' \
    "$PGTMP/ex.json" | grep -c '^xxxx0*@xxxxxxx\.xom$')" 2 \
    "...masked: the shape, separators and last two characters only"
grep -q 'example\.com\|4111111111111111' "$PGTMP/ex.json"
is "$?" 1 "...and no sampled value is in the report"

# Progress: plain lines when stderr is not a terminal, a bar redrawn in
# place on one, nothing with --quiet.
$PGSIFT scan --full --catalog "$cat" dbname=shop >/dev/null 2>"$PGTMP/progress"
grep -q '^pgsift: shop: 2 of 2 relations, 100 rows read' "$PGTMP/progress"
ok $? "without a terminal, progress is plain lines"
$PGSIFT scan --full --quiet --catalog "$cat" dbname=shop >/dev/null 2>"$PGTMP/quiet"
is "$(wc -c <"$PGTMP/quiet" | tr -d ' ')" 0 "--quiet prints nothing"
if command -v script >/dev/null; then
	script -qc "$PGSIFT scan --full --catalog $cat dbname=shop" /dev/null \
	    >"$PGTMP/tty" 2>&1
	grep -q 'shop \[#*-*\] 2/2 relations, 100 rows' "$PGTMP/tty"
	ok $? "on a terminal, a progress bar"
else
	skip "no script(1) to give pgsift a terminal"
fi

# Names a spreadsheet would run as formulas are written after a quote.
pgtmp_createdb calc
pgtmp_psql calc -q <<'SQL'
CREATE TABLE "=HYPERLINK(""http://x.test"")" ("@email" text, "-card" text);
INSERT INTO "=HYPERLINK(""http://x.test"")" SELECT 'user' || i || '@example.com',
	(ARRAY['4111111111111111', '5555555555554444', '378282246310005',
	    '6011111111111117', '4012888888881881'])[1 + i % 5]
	FROM generate_series(1, 50) i;
SQL
$PGSIFT scan --quiet --catalog "$PGTMP/calc.db" dbname=calc 2>>"$PGTMP/err"
$PGSIFT report --catalog "$PGTMP/calc.db" --format csv >"$PGTMP/calc.csv"
grep -q ',public,"'"'"'=HYPERLINK(""http://x.test"")",'"'"'@email,' "$PGTMP/calc.csv"
ok $? "CSV: a table name and a column name that begin like formulas get a leading quote"
grep -q ','"'"'-card,' "$PGTMP/calc.csv"
ok $? "CSV: a column name that begins with - too"
grep -q ',=\|,@\|,-\|,+' "$PGTMP/calc.csv"
ok $((! $?)) "CSV: no field begins with = @ - or +"

tap_done
