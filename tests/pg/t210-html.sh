#!/bin/bash
# t210-html: the HTML report of a real scan, rendered in headless
# Chromium: no script error, filtering by a type leaves only its rows,
# hostile identifiers are shown as text, and nothing is loaded from the
# network. Saves a screenshot as tests/pg/t210-html.png in the build.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/pgtmp.sh"
pgtmp_start 5210
pgtmp_createdb shop
pgtmp_psql shop -q <<'SQL'
CREATE TABLE "<script>alert(1)</script>" (id int,
	"<img src=x onerror=alert(2)>" text, phone text);
INSERT INTO "<script>alert(1)</script>" SELECT i, 'user' || i || '@example.com',
	'+44 20 7946 ' || lpad(i::text, 4, '0') FROM generate_series(1, 60) i;
CREATE TABLE customers (id int, email text, first_name text);
INSERT INTO customers SELECT i, 'c' || i || '@example.org',
	(ARRAY['Mary', 'James', 'Anna', 'Thomas'])[1 + i % 4]
	FROM generate_series(1, 60) i;
CREATE VIEW contacts AS SELECT email AS mail FROM customers;
SQL
cat=$PGTMP/pgsift.db
$PGSIFT scan --quiet --catalog "$cat" dbname=shop 2>"$PGTMP/err"
is "$?" 0 "the scan completes"
html=$PGTMP/report.html
$PGSIFT report --catalog "$cat" --format html --output "$html"
is "$?" 0 "report --format html"
grep -Eq '(src|href)="(https?:)?//' "$html"
is "$?" 1 "no element loads anything from elsewhere"
grep -q "Content-Security-Policy\" content=\"default-src 'none'" "$html"
ok $? "...and the page forbids it (Content-Security-Policy)"
grep -q '<script>alert(1)' "$html"
is "$?" 1 "the hostile table name is never written as markup"

browser=
for b in chromium chromium-browser; do
	command -v $b >/dev/null && browser=$b && break
done
if [ -z "$browser" ]; then
	if [ "${CI:-}" = true ]; then
		echo "Bail out! no chromium to render the report"
		exit 1
	fi
	echo "1..$tap_n # SKIP the browser checks: no chromium"
	exit 0
fi
profile=$PGTMP/chromium
render() {
	timeout 120 $browser --headless --no-sandbox --disable-gpu \
	    --disable-background-networking --disable-component-update \
	    --disable-sync --no-first-run --disable-quic \
	    --user-data-dir="$profile" --virtual-time-budget=5000 "$@" \
	    2>>"$PGTMP/chromium.log"
}
render --dump-dom "file://$html#type=EMAIL_ADDRESS" >"$PGTMP/dom.html"
grep -q 'data-ready="yes"' "$PGTMP/dom.html"
ok $? "the page's script ran to the end"
grep -q 'data-errors="0"' "$PGTMP/dom.html"
ok $? "...without a script error"
shown=$(grep -o '<tr class="finding" data-type="[A-Z_]*">' "$PGTMP/dom.html" |
    sed 's/.*data-type="\([A-Z_]*\)".*/\1/' | sort | uniq -c | awk '{print $2 "=" $1}' |
    tr '\n' ' ')
is "$shown" "EMAIL_ADDRESS=3 " \
    "filtering by EMAIL_ADDRESS (from the address) leaves only its three rows"
grep -c '<tr class="finding" data-type="PHONE_NUMBER" hidden' "$PGTMP/dom.html" >/dev/null
ok $? "...the other rows are hidden"
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$PGTMP/dom.html"
ok $? "the hostile table name is shown as text"
grep -q '<img src="x"' "$PGTMP/dom.html"
is "$?" 1 "...and the hostile column name made no element"
shot=$PWD/tests/pg/t210-html.png
mkdir -p "$(dirname "$shot")"
render --window-size=1280,1600 --screenshot="$shot" "file://$html" >/dev/null
[ -s "$shot" ]
ok $? "a screenshot is saved ($shot)"
tap_done
