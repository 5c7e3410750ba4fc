#!/bin/bash
# t260-hostile: names and values built to break a scanner: quotes,
# backslashes, line breaks, emoji and 63-byte identifiers; enums,
# composites, ranges, domains over domains over bytea; a 67 MB value;
# 10,000 tables in a schema and a table of 1,600 columns.
# Each is scanned, reported, and escaped wherever a name is printed.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/pgtmp.sh"
pgtmp_start 5260
pgtmp_createdb odd
pgtmp_psql odd -q <<'SQL'
CREATE SCHEMA "back\slash ""q"" 'x'";
CREATE TABLE "back\slash ""q"" 'x'"."line
break	tab" ("e😀mail" text, "x%s%n%d" text);
INSERT INTO "back\slash ""q"" 'x'"."line
break	tab" SELECT 'user' || i || '@example.com', '%s%n' FROM generate_series(1, 60) i;
CREATE TABLE "t234567890123456789012345678901234567890123456789012345678901"
    ("c23456789012345678901234567890123456789012345678901234567890123" text);
INSERT INTO "t234567890123456789012345678901234567890123456789012345678901"
    SELECT 'user' || i || '@example.org' FROM generate_series(1, 60) i;
CREATE TABLE "<script>alert(1)</script>" (email text);
INSERT INTO "<script>alert(1)</script>" SELECT 'user' || i || '@example.com'
    FROM generate_series(1, 60) i;
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE addr AS (street text, email text);
CREATE DOMAIN blob1 AS bytea;
CREATE DOMAIN blob2 AS blob1 CHECK (length(VALUE) < 100000000);
CREATE TABLE typed (m mood, a addr, r int4range, b blob2, raw bytea,
    email_dom blob2);
INSERT INTO typed SELECT 'ok', ROW(i || ' Main Street', 'u' || i || '@example.com')::addr,
    int4range(i, i + 10), convert_to('u' || i || '@example.net', 'UTF8'),
    decode('00ff' || lpad(to_hex(i), 4, '0'), 'hex'),
    convert_to('v' || i || '@example.net', 'UTF8')
    FROM generate_series(1, 60) i;
CREATE TABLE huge (id int, body text);
INSERT INTO huge SELECT 1, repeat('lorem ipsum dolor ', 3728270);
INSERT INTO huge SELECT i, 'reach me at u' || i || '@example.com please'
    FROM generate_series(2, 60) i;
SQL
cat=$PGTMP/odd.db
$PGSIFT scan --catalog "$cat" dbname=odd >"$PGTMP/out" 2>"$PGTMP/err"
rc=$?
is "$rc" 0 "the scan completes ($(head -c 300 "$PGTMP/err" | tr '\n' ' '))"
$PGSIFT report --catalog "$cat" --output "$PGTMP/r.json"
is "$?" 0 "the JSON report is written"
jq -e . "$PGTMP/r.json" >/dev/null
ok $? "...and is valid JSON"
types() {
	jq -r --arg t "$1" --arg c "$2" '[.columns[] | select(.table == $t and
	    .column == $c) | .classifications[] | select(.likelihood == "LIKELY"
	    or .likelihood == "VERY_LIKELY") | .type] | join(",")' "$PGTMP/r.json"
}
is "$(types $'line\nbreak\ttab' 'e😀mail')" EMAIL_ADDRESS \
    "a table named with a line break and a tab, a column with an emoji"
is "$(jq -r '[.columns[] | select(.column == "e😀mail") | .schema][0]' \
    "$PGTMP/r.json")" "back\\slash \"q\" 'x'" "the schema name survives quoting"
is "$(types t234567890123456789012345678901234567890123456789012345678901 \
    c23456789012345678901234567890123456789012345678901234567890123)" \
    EMAIL_ADDRESS "63-byte identifiers"
is "$(sqlite3 "$cat" "SELECT group_concat(c.name || ':' || coalesce(c.values_sampled, 'not read'), ' ')
    FROM columns c JOIN relations r ON r.id = c.relation_id
    WHERE r.name = 'typed' AND c.name IN ('b', 'raw', 'email_dom')")" \
    "b:not read raw:not read email_dom:not read" "bytea, even behind a domain over a domain, is binary: never read"
is "$(types typed a)" EMAIL_ADDRESS "a composite's text form is searched"
is "$(types typed m),$(types typed r)" "," "enums and ranges are no PII"
is "$(types huge body)" EMAIL_ADDRESS "a 64 MB value does not hide the rest"
grep -qF 'line\x0abreak\x09tab' "$PGTMP/out"
ok $? "the summary shows a line break and a tab in a name escaped"
is "$(grep -c '^break' "$PGTMP/out" "$PGTMP/err" | tr '\n' ' ')" \
    "$PGTMP/out:0 $PGTMP/err:0 " "...and no raw line break of a name reaches the terminal"
$PGSIFT report --catalog "$cat" --format html --output "$PGTMP/r.html"
is "$?" 0 "the HTML report is written"
grep -q "<script>alert" "$PGTMP/r.html"
ok $((! $?)) "no name becomes markup"
grep -qF '\u003cscript\u003ealert(1)\u003c/script\u003e' "$PGTMP/r.html"
ok $? "...it is in the report's data with < and > escaped"
for f in csv ndjson markdown; do
	$PGSIFT report --catalog "$cat" --format $f --output "$PGTMP/r.$f"
	is "$?" 0 "the $f report is written"
done
jq -e . "$PGTMP/r.ndjson" >/dev/null
ok $? "ndjson lines are valid JSON"

# Size: a schema of 10,000 tables (empty but one) and a table of 1,600
# columns, the most PostgreSQL allows.
pgtmp_createdb many
pgtmp_psql many -q <<'SQL'
CREATE SCHEMA s;
SELECT format('CREATE TABLE s.t%s (id int, email text)', g)
    FROM generate_series(1, 10000) g \gexec
INSERT INTO s.t5000 SELECT i, 'user' || i || '@example.com' FROM generate_series(1, 60) i;
SELECT format('CREATE TABLE public.wide (%s)', string_agg(format('c%s text', g), ', '))
    FROM generate_series(1, 1600) g \gexec
INSERT INTO public.wide (c1, c1600) SELECT 'user' || i || '@example.com',
    'user' || i || '@example.org' FROM generate_series(1, 60) i;
SQL
$PGSIFT scan --quiet --catalog "$PGTMP/many.db" dbname=many 2>"$PGTMP/err.many"
is "$?" 0 "a scan of 10,001 tables, one of 1,600 columns, completes"
is "$(sqlite3 "$PGTMP/many.db" "SELECT count(*) FROM relations")" 10001 \
    "...every table is in the catalog"
is "$(sqlite3 "$PGTMP/many.db" "SELECT r.name || '.' || c.name
    FROM classifications k JOIN columns c ON c.id = k.column_id
    JOIN relations r ON r.id = c.relation_id
    WHERE k.type = 'EMAIL_ADDRESS' AND k.likelihood IN ('LIKELY', 'VERY_LIKELY')
    ORDER BY 1" | tr '\n' ' ' | sed 's/ $//')" \
    "t5000.email wide.c1 wide.c1600" "...and the emails in them are found"

tap_done
