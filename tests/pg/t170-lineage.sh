#!/bin/bash
# t170-lineage: column lineage read from PostgreSQL's own catalogs on a
# real server (tests/fixtures/lineage.sql): renamed columns, expressions,
# joins, UNION, CTEs, subqueries, views three levels deep, a materialized
# view, a security_barrier view, a view over a partitioned table, foreign
# keys, partitions, inheritance, a foreign table, quoted identifiers;
# classifications that follow
# lineage; a view redefined between two scans; "pgsift lineage".
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/pgtmp.sh"
pgtmp_start 5170
pgtmp_createdb shop "$top_srcdir/tests/fixtures/lineage.sql" ||
    { echo "Bail out! the lineage fixture did not load"; exit 1; }
cat=$PGTMP/pgsift.db
report=$PGTMP/report.json
$PGSIFT scan --quiet --catalog "$cat" dbname=shop 2>"$PGTMP/err"
is "$?" 0 "the scan completes"
$PGSIFT report --catalog "$cat" --output "$report"

# upstream TABLE COLUMN: its upstream edges, "table.column kind[+]" each,
# + when the values are kept.
upstream() {
	jq -r --arg t "$1" --arg c "$2" '[.columns[] | select(.table == $t
	    and .column == $c) | .lineage.upstream[] | "\(.table).\(.column) \(.kind)\(if .keeps then "+" else "" end)"]
	    | sort | join(", ")' "$report"
}
# classes TABLE COLUMN: its classifications, "TYPE:evidence" each.
classes() {
	jq -r --arg t "$1" --arg c "$2" '[.columns[] | select(.table == $t
	    and .column == $c) | .classifications[]
	    | select(.likelihood == "LIKELY" or .likelihood == "VERY_LIKELY")
	    | "\(.type):\(.evidence | join("+"))"] | sort | join(", ")' "$report"
}

is "$(upstream v_contacts customer)" "Customer.id copy+" \
    "a renamed column is a copy of its base column"
is "$(upstream v_contacts mail)" "Customer.E-mail copy+" \
    "...through a quoted identifier"
is "$(upstream v_contacts mail_lower)" "Customer.E-mail expression+" \
    "lower() is an expression that keeps the values"
is "$(upstream v_contacts mail_hash)" "Customer.E-mail expression" \
    "md5() is an expression that does not"
is "$(upstream v_contacts phone_len)" "Customer.phone expression" \
    "...nor does length()"
is "$(upstream v_contacts full_name)" \
    "Customer.first_name expression+, Customer.last_name expression+" \
    "a concatenation reads both columns and keeps them"
is "$(upstream v_spend email)" "Customer.E-mail copy+" "a join's column"
is "$(upstream v_spend orders)" "orders.id aggregate" "count() is an aggregate"
is "$(upstream v_spend phones)" "Customer.phone aggregate+" \
    "string_agg() is an aggregate that keeps the values"
is "$(upstream v_union addr)" "Customer.E-mail copy+, Customer.phone copy+" \
    "UNION: every branch"
is "$(upstream v_cte email_cte)" "Customer.E-mail copy+" \
    "a CTE read through a subquery in FROM"
is "$(upstream v_recursive chain_mail)" "Customer.E-mail copy+" \
    "a recursive CTE: what both branches read, walked once"
is "$(upstream v3 m3)" "v2.m2 expression+" "views on views: one level at a time"
is "$(upstream v2 m2)" "v1.mail copy+" "...the next level"
is "$(upstream v1 mail)" "v_contacts.mail copy+" "...and the next"
is "$(upstream mv phone)" "Customer.phone copy+" "a materialized view"
is "$(upstream v_sb E-mail)" "Customer.E-mail copy+" "a security_barrier view"
is "$(upstream v_orders day)" "orders.placed copy+" \
    "a view over a partitioned table"
is "$(upstream orders customer_id)" \
    "Customer.id foreign_key, orders_2024.customer_id partition+, orders_2025.customer_id partition+" \
    "foreign keys and partitions"
is "$(upstream people email)" "staff_people.email inheritance+" \
    "inheritance: the child's column flows into the parent's"
is "$(jq -r '.columns[] | select(.table == "remote_people" and .column == "mail")
    | .lineage.upstream[] | "\(.schema).\(.table).\(.column) \(.kind)"' "$report")" \
    "crm_remote:crm.people.email foreign_table" \
    "a foreign table's column comes from the remote column its options name"
is "$(jq -r '[.columns[] | select(.table == "Customer" and .column == "active")
    | .lineage.downstream[] | select(.kind == "filter") | .table] | sort
    | join(",")' "$report")" "v_contacts,v_sb" \
    "columns only in WHERE are filter edges of the view as a whole"

is "$(classes v_contacts mail_lower)" "EMAIL_ADDRESS:lineage" \
    "a kept expression carries the classification"
is "$(classes v_contacts mail_hash)" "" "a hash does not"
is "$(classes v_spend phones)" "PHONE_NUMBER:lineage" \
    "string_agg carries it"
is "$(classes v3 m3)" "EMAIL_ADDRESS:lineage" \
    "three levels down, still classified"
is "$(jq -r '.columns[] | select(.table == "v3" and .column == "m3")
    | .classifications[0].details.lineage' "$report")" \
    "Sales Data.Customer.E-mail -> public.v_contacts.mail -> public.v1.mail -> public.v2.m2 -> public.v3.m3" \
    "...with the way it came"
is "$(classes mv phone)" "PHONE_NUMBER:values+column_name+lineage" \
    "a sampled materialized view keeps both pieces of evidence"
is "$(classes orders_2024 customer_id)" "" \
    "foreign keys do not carry classifications"

# The command.
out=$($PGSIFT lineage --catalog "$cat" --upstream public.v3.m3)
is "$?" 0 "pgsift lineage exits 0"
is "$(echo "$out" | grep -c '<-')" 4 "...and follows v3.m3 up four levels"
echo "$out" | grep -q '^        <- shop.Sales Data.Customer.E-mail (copy'
ok $? "...to the base column, indented by depth"
is "$($PGSIFT lineage --catalog "$cat" --upstream --depth 1 public.v3.m3 |
    grep -c '<-')" 1 "--depth 1 stops after one level"
is "$($PGSIFT lineage --catalog "$cat" --format json --downstream \
    'Sales Data.Customer.E-mail' | jq '[.edges[] | select(.down.table == "v3")] | length')" \
    1 "--downstream --format json reaches v3"
$PGSIFT lineage --catalog "$cat" --format dot public.v2.m2 >"$PGTMP/g.dot"
grep -q '"shop.public.v1.mail" -> "shop.public.v2.m2" \[label="copy"\]' \
    "$PGTMP/g.dot"
ok $? "--format dot writes a Graphviz graph"
$PGSIFT lineage --catalog "$cat" public.nope.x 2>/dev/null
is "$?" 5 "an unknown column is an error"
$PGSIFT lineage --catalog "$cat" nope 2>/dev/null
is "$?" 2 "a malformed column is a usage error"

# Redefine a view: the next scan's lineage follows.
pgtmp_psql shop -c 'DROP VIEW v_change' \
    -c 'CREATE VIEW v_change AS SELECT phone AS b FROM "Sales Data"."Customer"' \
    >/dev/null
is "$(upstream v_change a)" "Customer.E-mail copy+" "before: v_change.a"
$PGSIFT scan --quiet --catalog "$cat" dbname=shop 2>>"$PGTMP/err"
$PGSIFT report --catalog "$cat" --output "$report"
is "$(upstream v_change a)" "" "after the next scan: v_change.a is gone"
is "$(upstream v_change b)" "Customer.phone copy+" "...and v_change.b is there"
tap_done
